import { performance } from 'node:perf_hooks';
import { functionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import type { Variant } from './command-support.ts';
import { httpEvent, pause, responseOf, throwIfAborted } from './http.ts';
import { createLabRole } from './lab-role.ts';
import { storeInvocations } from './log-store.ts';
import { PgObserver } from './pg-observer.ts';
import { variantHandler } from './variant-build.ts';

export interface IdleOptions {
  databaseUrl: string;
  variant: Variant;
  /** The server's idle_session_timeout for the function's role. */
  idleSessionTimeoutMs?: number;
  /** How long the container stays frozen between the two calls. */
  frozenMs?: number;
  signal?: AbortSignal;
}

export interface CallOutcome {
  requestId: string;
  containerId: string | null;
  coldStart: boolean;
  status: InvocationRecord['status'];
  statusCode: number | null;
  errorType: string | null;
  errorMessage: string | null;
  durationMs: number;
  /** The function's own lines (START/END/REPORT left out). */
  logs: string[];
}

export interface IdleResult {
  scenario: 'idle';
  variant: Variant;
  verdict: 'dead-connection' | 'ok';
  idleSessionTimeoutMs: number;
  frozenMs: number;
  /** The function's server sessions right after call 1, and when the server closed them during the freeze. */
  sessionsAfterFirstCall: number;
  serverClosedSessionAtMs: number | null;
  first: CallOutcome;
  afterThaw: CallOutcome;
}

/**
 * The freeze. Call 1 leaves an idle connection in the container's pool; the container is
 * frozen longer than the server's idle_session_timeout, which closes that session; call 2
 * thaws the container and needs the database again.
 */
export async function runIdle(options: IdleOptions): Promise<IdleResult> {
  const { variant, signal } = options;
  const idleSessionTimeoutMs = options.idleSessionTimeoutMs ?? 1_000;
  const frozenMs = options.frozenMs ?? 1_500;
  const handlerPath = await variantHandler('idle', variant);
  throwIfAborted(signal);
  const observer = await PgObserver.open(options.databaseUrl);
  const role = await createLabRole(observer, options.databaseUrl, 'lab_idle', { idleSessionTimeoutMs });
  const fn = new LocalFunction(functionConfig({ handlerPath, reservedConcurrency: 1, environment: { DATABASE_URL: role.url } }));
  const records: InvocationRecord[] = [];
  const event = httpEvent({ method: 'GET', path: '/users/alice' });
  try {
    const first = await fn.invoke(event);
    records.push(first);
    const frozenAt = performance.now();
    const sessionsAfterFirstCall = await observer.roleSessions(role.name);
    let serverClosedSessionAtMs: number | null = null;
    while (performance.now() - frozenAt < frozenMs) {
      throwIfAborted(signal);
      if (serverClosedSessionAtMs === null && (await observer.roleSessions(role.name)) === 0) {
        serverClosedSessionAtMs = Math.round(performance.now() - frozenAt);
      }
      await pause(Math.min(25, Math.max(0, frozenMs - (performance.now() - frozenAt))), signal);
    }
    const afterThaw = await fn.invoke(event);
    records.push(afterThaw);
    const outcome = describe(afterThaw);
    const healthy = outcome.status === 'ok' && outcome.statusCode === 200;
    return {
      scenario: 'idle',
      variant,
      verdict: healthy ? 'ok' : 'dead-connection',
      idleSessionTimeoutMs,
      frozenMs,
      sessionsAfterFirstCall,
      serverClosedSessionAtMs,
      first: describe(first),
      afterThaw: outcome,
    };
  } finally {
    await fn.shutdown();
    await role.drop();
    await observer.close();
    await storeInvocations('idle', variant, records.map((record) => ({ record }))).catch(() => {});
  }
}

function describe(record: InvocationRecord): CallOutcome {
  return {
    requestId: record.requestId,
    containerId: record.containerId,
    coldStart: record.coldStart,
    status: record.status,
    statusCode: responseOf(record)?.statusCode ?? null,
    errorType: record.errorType ?? null,
    errorMessage: record.errorMessage ?? null,
    durationMs: record.durationMs,
    logs: record.logs.filter((l) => !/^(START|END|REPORT) RequestId:/.test(l)),
  };
}
