/**
 * Log lines in CloudWatch's format for the Node.js runtime, so what a learner sees here is what
 * they will grep for on AWS.
 */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs: number | null;
  status?: 'timeout' | 'error';
}

export function reportLine(f: ReportFields): string {
  let line =
    `REPORT RequestId: ${f.requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${f.billedDurationMs} ms\tMemory Size: ${f.memorySizeMb} MB\t` +
    `Max Memory Used: ${f.maxMemoryUsedMb} MB`;
  if (f.initDurationMs !== null) line += `\tInit Duration: ${f.initDurationMs.toFixed(2)} ms`;
  if (f.status) line += `\tStatus: ${f.status}`;
  return line;
}

/** `console.log` inside a Lambda: timestamp, request id, level, message. */
export function appLogLine(requestId: string | undefined, level: string, message: string): string {
  return `${new Date().toISOString()}\t${requestId ?? 'undefined'}\t${level}\t${message}`;
}

export const REPORT_PATTERN =
  /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: \d+ MB\tMax Memory Used: \d+ MB(\tInit Duration: \d+\.\d{2} ms)?(\tStatus: (timeout|error))?$/;
