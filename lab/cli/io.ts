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
  /** The width of the client's terminal, when it has one. */
  columns?: number;
}

export function processIO(): LabIO {
  // `lab events | head` closes the pipe early: that is the reader being done, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    interactive: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
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
