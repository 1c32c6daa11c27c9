import type { Span } from './spans.ts';

export type InvocationStatus = 'ok' | 'error' | 'timeout' | 'throttled';

/** One invocation as the lab reports it: the `--json` line of `lab invoke`, field for field. */
export interface InvocationRecord {
  requestId: string;
  containerId: string | null;
  coldStart: boolean;
  initDurationMs: number | null;
  /**
   * A cold start whose init ran inside the invoke (after a reset, or a failed init): its Duration
   * includes init, the function timeout covers it, and the REPORT has no Init Duration.
   */
  suppressedInit: boolean;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  status: InvocationStatus;
  errorType?: string;
  errorMessage?: string;
  /** A thrown error's stack as lines, as the runtime client's error response has it (Errors.js). */
  trace?: string[];
  /** Managed Instances: the worker thread (threadId) that served it; absent on on-demand Lambda. */
  worker?: number;
  result: unknown;
  spans: Span[];
  report: string;
  /** START, the function's own lines, END and REPORT, as CloudWatch would show them. */
  logs: string[];
}

/**
 * A call Lambda refused before any environment took it (TooManyRequestsException, docs:
 * API_Invoke.html): the function never ran, so no Duration, no REPORT and no logs.
 */
export function throttledRecord(requestId: string, memorySizeMb: number, errorMessage: string): InvocationRecord {
  return {
    requestId,
    containerId: null,
    coldStart: false,
    initDurationMs: null,
    suppressedInit: false,
    durationMs: 0,
    billedDurationMs: 0,
    memorySizeMb,
    maxMemoryUsedMb: 0,
    status: 'throttled',
    errorType: 'TooManyRequestsException',
    errorMessage,
    result: null,
    spans: [],
    report: '',
    logs: [],
  };
}

/**
 * An invocation an environment has taken (so never a throttled one): what a listener needs to
 * start a budget clock before the record arrives.
 */
export interface InvocationStart {
  requestId: string;
  functionName: string;
  timeoutMs: number;
  memorySizeMb: number;
  /** Wall clock (epoch ms). */
  at: number;
}
