// Refusals are what any web page can cause (a request or an upgrade to 127.0.0.1), so they reach
// the `npm start` terminal as fixed text only, and at most `max` lines per window: the rest is
// counted and said in one line when the window ends.

export interface RefusalLog {
  (line: string): void;
  close(): void;
}

export function refusalLog(
  log: (line: string) => void,
  { max = 10, windowMs = 10_000 }: { max?: number; windowMs?: number } = {},
): RefusalLog {
  let shown = 0;
  let hidden = 0;
  let window: NodeJS.Timeout | undefined;
  const endWindow = () => {
    if (hidden > 0) log(`${hidden} more refused requests in ${windowMs / 1000} s not shown`);
    shown = hidden = 0;
    window = undefined;
  };
  const limited = ((line: string) => {
    if (!window) {
      window = setTimeout(endWindow, windowMs);
      window.unref();
    }
    if (shown < max) {
      shown++;
      log(line);
    } else hidden++;
  }) as RefusalLog;
  limited.close = () => {
    if (window) clearTimeout(window);
    endWindow();
  };
  return limited;
}
