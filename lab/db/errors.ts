/**
 * Expected database failures (a busy port, an unwritable folder, an unreachable DATABASE_URL)
 * carry a one-line message and a one-line hint. The CLI prints them with `formatLabDbError`
 * and no stack trace; anything else is a bug and keeps its stack.
 */
export class LabDbError extends Error {
  readonly hint: string;

  constructor(message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LabDbError';
    this.hint = hint;
  }
}

export function isLabDbError(error: unknown): error is LabDbError {
  return error instanceof LabDbError;
}

/** Two lines for an expected failure (`what happened` / `what to do`), the stack otherwise. */
export function formatLabDbError(error: unknown): string {
  if (isLabDbError(error)) return `lab db: ${error.message}\n  hint: ${error.hint}`;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/** The URL without its password, for messages and banners. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable DATABASE_URL>';
  }
}
