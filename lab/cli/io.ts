/**
 * Where a command writes. The shell gives it stdout/stderr; the browser terminal gives it a
 * WebSocket session. Commands never touch process.stdout themselves.
 */
export interface LabIO {
  out(text: string): void;
  err(text: string): void;
  /** ANSI colours allowed (a TTY or the browser terminal). */
  color: boolean;
  /** False when output goes to a pipe or file: no progress bars redrawn with \r. */
  interactive?: boolean;
  /** Aborted by Ctrl-C in the REPL or the browser terminal. */
  signal?: AbortSignal;
  /** The client's working directory: a relative path in a command (an event file) is read from there. */
  cwd?: string;
  /** The width of the client's terminal, when it says (layout.ts: outputWidth() for the width to use). */
  columns?: number;
}

export function processIO(): LabIO {
  // `lab events | head` closes the pipe early: that is the reader being done, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const columns = clientColumns(process.stdout);
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    interactive: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    // A TTY's width, else COLUMNS (a pipe or a CI log that says how wide it is); none: the layout's default.
    ...(columns ? { columns } : {}),
  };
}

/** Widest terminal a client may claim (the page's protocol allows the same). */
export const MAX_COLUMNS = 1000;

/**
 * The columns a client reports: its TTY's width, else `COLUMNS` (a pipe, a CI log), else
 * undefined (layout.ts then uses its default). Here, not in layout.ts: the fast client imports
 * this file and must stay free of the layout's libraries.
 */
export function clientColumns(
  stdout: { isTTY?: boolean; columns?: number },
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (stdout.isTTY && stdout.columns) return validColumns(stdout.columns);
  return validColumns(Number(env.COLUMNS));
}

/** A whole number of columns (at most MAX_COLUMNS), or undefined. */
export function validColumns(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n > 0 ? Math.min(n, MAX_COLUMNS) : undefined;
}

const codes = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 } as const;
export type Style = keyof typeof codes;

export function paint(io: LabIO, style: Style, text: string): string {
  return io.color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}

/** An expected failure a learner can fix: printed as one line, exit code 2, never a stack trace. */
export class LabUsageError extends Error {
  override name = 'LabUsageError';
}
