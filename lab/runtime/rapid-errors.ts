/**
 * Errors as the Node.js runtime interface client turns them into an invoke's error response and
 * its log line: src/Errors.js of aws/aws-lambda-nodejs-runtime-interface-client (v3.3.0, the
 * newest version the lab's sources hold).
 */

export interface RapidError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

function isErrorLike(value: unknown): value is { name: string; message: string; stack: string } {
  const v = value as { name?: unknown; message?: unknown; stack?: unknown } | null;
  return Boolean(
    v &&
    typeof v.name === 'string' &&
    v.name &&
    typeof v.message === 'string' &&
    v.message &&
    typeof v.stack === 'string',
  );
}

/** Errors.js `toRapidResponse`: an Error gives name, message, stack lines; anything else its typeof and toString(). */
export function toRapidResponse(error: unknown): RapidError {
  try {
    if (error instanceof Error || isErrorLike(error)) {
      const e = error as Error;
      return {
        errorType: String(e.name).replaceAll('\x7F', '%7F'),
        errorMessage: String(e.message).replaceAll('\x7F', '%7F'),
        trace: String(e.stack ?? '')
          .replaceAll('\x7F', '%7F')
          .split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/**
 * CallbackContext.js `fail`: a handler whose promise rejects with undefined or null fails with
 * the string 'handled'.
 */
export function rejectionValue(reason: unknown): unknown {
  return reason === undefined || reason === null ? 'handled' : reason;
}

/**
 * The text of an error in a log line (LogPatch.js textErrorLogger: `toFormatted(intoError(err))`):
 * a tab, then the error as JSON with errorType, errorMessage, its own enumerable fields and the
 * stack as lines. A non-Error becomes `new Error(value)` first, so the log says "Error" even where
 * the response says "string".
 */
export function formattedError(error: unknown): string {
  const asError = error instanceof Error ? error : new Error(String(error));
  try {
    return '\t' + JSON.stringify(asError, (_key, value: unknown) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(asError));
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const fields: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as { code?: unknown }).code,
    ...value,
  };
  if (typeof value.stack === 'string') fields.stack = value.stack.split('\n');
  return fields;
}

/** Errors.js `UnhandledPromiseRejection`: what an unhandled rejection during an invoke reports. */
export function unhandledRejection(reason: unknown): Error {
  const error = new Error(String(reason));
  error.name = 'Runtime.UnhandledPromiseRejection';
  return error;
}
