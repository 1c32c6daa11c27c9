import type { Span } from './spans.ts';

/** The IPC protocol between the host (lab process) and one container process. */

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /**
   * The payload as Invoke's JSON body, parsed once, in the environment: the host has it as JSON
   * already (its size check), and a string crosses the IPC channel cheaper than an object graph.
   */
  eventJson: string;
  deadlineMs: number;
  /** This invoke's X-Ray header: the runtime client puts it in _X_AMZN_TRACE_ID (InvokeContext.js _forwardXRay). */
  traceId: string;
}

export type HostMessage = InvokeMessage;

export interface ReadyMessage {
  type: 'ready';
  spans: Span[];
}

export interface InitErrorMessage {
  type: 'init-error';
  errorType: string;
  errorMessage: string;
}

export interface LogMessage {
  type: 'log';
  /** Undefined for lines written outside any invocation (the init phase, or a stray timer). */
  requestId: string | undefined;
  line: string;
}

export interface ResultMessage {
  type: 'result';
  requestId: string;
  status: 'ok' | 'error';
  /** The response as the JSON the runtime client posts (parsed once, by the host). */
  resultJson?: string;
  errorType?: string;
  errorMessage?: string;
  /** The error's stack as lines, as the runtime client's error response carries it. */
  trace?: string[];
  /** The environment exits after this answer (an uncaught exception or unhandled rejection). */
  fatal?: boolean;
  spans: Span[];
  maxRssMb: number;
  /** Managed Instances: the worker thread that served it (its threadId). */
  worker?: number;
}

/** Managed Instances: the environment's worker threads, alive and ready to take requests. */
export interface WorkersMessage {
  type: 'workers';
  alive: number;
  ready: number;
}

/** Sent as the process exits by itself: its peak memory, which the host can no longer read. */
export interface MemoryMessage {
  type: 'memory';
  maxRssMb: number;
}

export type ContainerMessage =
  ReadyMessage | InitErrorMessage | LogMessage | ResultMessage | MemoryMessage | WorkersMessage;
