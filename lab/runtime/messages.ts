import type { Span } from './spans.ts';

/** The IPC protocol between the host (lab process) and one container process. */

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  deadlineMs: number;
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
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
  spans: Span[];
  maxRssMb: number;
}

export type ContainerMessage = ReadyMessage | InitErrorMessage | LogMessage | ResultMessage;
