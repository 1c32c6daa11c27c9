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

/**
 * The first line of every init, as CloudWatch shows it since the runtime version controls of 2023
 * (docs: "Lambda runtime updates", runtimes-update.html: "INIT_START Runtime Version: …"). The lab's
 * runtime is no AWS release, so its version says it is the lab's, not a real nodejs:24.vN.
 */
export const RUNTIME_VERSION = 'nodejs:24.lab';

export function initStartLine(): string {
  return `INIT_START Runtime Version: ${RUNTIME_VERSION}\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:boundary-lab`;
}

export interface InitReportFields {
  durationMs: number;
  /** 'init': the init phase itself; 'invoke': an init run inside an invoke (suppressed init). */
  phase: 'init' | 'invoke';
  status: 'timeout' | 'error';
  errorType?: string;
}

/**
 * An init that did not finish (docs: lambda-runtime-environment.html, "Failures during the init
 * phase": `INIT_REPORT Init Duration: … Phase: init Status: timeout`).
 */
export function initReportLine(f: InitReportFields): string {
  let line = `INIT_REPORT Init Duration: ${f.durationMs.toFixed(2)} ms\tPhase: ${f.phase}\tStatus: ${f.status}`;
  if (f.errorType) line += `\tError Type: ${f.errorType}`;
  return line;
}

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs: number | null;
  status?: 'timeout' | 'error';
  /** With Status: error, what ended the environment (observed in CloudWatch: `Error Type: Runtime.ExitError`). */
  errorType?: string;
}

export function reportLine(f: ReportFields): string {
  let line =
    `REPORT RequestId: ${f.requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${f.billedDurationMs} ms\tMemory Size: ${f.memorySizeMb} MB\t` +
    `Max Memory Used: ${f.maxMemoryUsedMb} MB`;
  if (f.initDurationMs !== null) line += `\tInit Duration: ${f.initDurationMs.toFixed(2)} ms`;
  if (f.status) line += `\tStatus: ${f.status}`;
  if (f.status === 'error' && f.errorType) line += `\tError Type: ${f.errorType}`;
  return line;
}

/** `console.log` inside a Lambda: timestamp, request id, level, message. */
export function appLogLine(requestId: string | undefined, level: string, message: string): string {
  return `${new Date().toISOString()}\t${requestId ?? 'undefined'}\t${level}\t${message}`;
}

export const REPORT_PATTERN =
  /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: \d+ MB\tMax Memory Used: \d+ MB(\tInit Duration: \d+\.\d{2} ms)?(\tStatus: timeout|\tStatus: error(\tError Type: [\w.]+)?)?$/;
