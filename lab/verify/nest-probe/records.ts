// What the probe inside an environment writes, one JSON object per line, to the file named by
// PROBE_ENV.records. The host (lab/verify/) reads it after each call: a line is written
// synchronously before the invocation's result leaves the process, so it is there in time.

/** The variables the host sets in the function's environment to switch the probe on. */
export const PROBE_ENV = {
  /** The JSON-lines file the probe appends to. */
  records: 'BOUNDARY_LAB_VERIFY_RECORDS',
  /** A marker file: the first NestFactory.create of the function (across its environments) fails. */
  failFirst: 'BOUNDARY_LAB_VERIFY_FAIL_FIRST',
} as const;

/** The request header that tags a probe request, so the request Nest saw can be found in both worlds. */
export const PROBE_HEADER = 'x-boundary-lab-probe';

/**
 * The ids of the direct process's warm-up call (the event that makes a lazy handler bootstrap):
 * an app that keeps the last invocation in a global (serverless-express's getCurrentInvoke())
 * answers its direct calls with them, which is the direct transport's doing, not a loss.
 */
export const WARM_UP_ID = 'verify-warm-up';

/** Where a process was when something ran: before its first invoke, during it, or after. */
export type Phase = 'init' | 'first-call' | 'warm';

export interface NestFoundRecord {
  kind: 'nest';
  pid: number;
  /** @nestjs/core resolved from the handler's folder and hooked; false: not found there. */
  found: boolean;
  detail?: string;
}

export interface BootstrapRecord {
  kind: 'bootstrap';
  pid: number;
  step: 'create' | 'init';
  phase: Phase;
  /** The invocation under way, if any. */
  requestId?: string;
  ms: number;
  ok: boolean;
  error?: string;
  /** The failure the lab injected (the first create of the function). */
  injected?: boolean;
}

export interface FieldChange {
  /** The provider's class (or token) name. */
  owner: string;
  field: string;
  before: string;
  after: string;
}

export interface InvokeRecord {
  kind: 'invoke';
  pid: number;
  requestId: string;
  /** Singleton fields this invocation changed, read before and after it. */
  changes: FieldChange[];
}

export interface SeenRecord {
  kind: 'seen';
  pid: number;
  probe: string;
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  /** The request body bytes Nest's parsers read (base64), known once the response finished. */
  bodyBase64?: string;
}

export type ProbeRecord = NestFoundRecord | BootstrapRecord | InvokeRecord | SeenRecord;

/** A route as Express holds it after Nest's init: the app's own router, not the learner's list. */
export interface AppRoute {
  method: string;
  path: string;
}

/** The direct (ground-truth) process's first IPC message. */
export type DirectMessage =
  | { type: 'ready'; port: number; routes: AppRoute[] }
  | { type: 'failed'; reason: 'load' | 'no-export' | 'not-nest' | 'bootstrap' | 'not-express'; message: string };
