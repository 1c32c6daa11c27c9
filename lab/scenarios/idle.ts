import { performance } from 'node:perf_hooks';
import { functionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import type { StepReporter, Variant } from './command-support.ts';
import { httpEvent, pause, responseOf, throwIfAborted } from './http.ts';
import { createLabRole } from './lab-role.ts';
import { storeInvocations } from './log-store.ts';
import { PgObserver } from './pg-observer.ts';
import { startSilentDropProxy, type SilentDropProxy } from './silent-drop-proxy.ts';
import { variantHandler } from './variant-build.ts';

/** Who closes the idle connection during the freeze. */
export type IdleDrop = 'server' | 'network';
export const IDLE_DROPS: readonly IdleDrop[] = ['server', 'network'];

export interface IdleOptions {
  databaseUrl: string;
  variant: Variant;
  /**
   * 'server' (default): PostgreSQL's idle_session_timeout closes the session (the server sends its
   * goodbye, a FIN follows). 'network': a NAT-like proxy between the function and PostgreSQL
   * forgets the idle connection silently (no FIN) and answers the next write with a RST.
   */
  drop?: IdleDrop;
  /** The server's idle_session_timeout for the function's role (drop 'server'). */
  idleSessionTimeoutMs?: number;
  /** The network's idle timeout: the proxy forgets a connection idle this long (drop 'network'). */
  networkIdleTimeoutMs?: number;
  /** How long the container stays frozen between the two calls. */
  frozenMs?: number;
  /** Called at each step, as it happens. */
  onStep?: StepReporter;
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
  drop: IdleDrop;
  /** The server's idle_session_timeout for the function's role (null: none, drop 'network'). */
  idleSessionTimeoutMs: number | null;
  /** The proxy's idle timeout (null: no proxy, drop 'server'). */
  networkIdleTimeoutMs: number | null;
  frozenMs: number;
  /** The function's server sessions right after call 1, and when they were gone during the freeze. */
  sessionsAfterFirstCall: number;
  serverClosedSessionAtMs: number | null;
  /** Drop 'network': when (ms into the freeze) the proxy forgot the connection, silently. */
  networkDroppedAtMs: number | null;
  /** Drop 'network': how many writes on a forgotten connection the proxy answered with a RST. */
  networkResets: number;
  /** Drop 'network': how many connections the function opened through the proxy (a 2nd one: after the drop). */
  networkConnections: number;
  first: CallOutcome;
  afterThaw: CallOutcome;
}

/**
 * The freeze. Call 1 leaves an idle connection in the container's pool; the container is
 * frozen longer than an idle timeout on the path, which closes that connection; call 2 thaws
 * the container and needs the database again. Drop 'server': the server's idle_session_timeout
 * closes the session and says so. Drop 'network': a NAT-like proxy forgets it without a word.
 */
export async function runIdle(options: IdleOptions): Promise<IdleResult> {
  const { variant, signal } = options;
  const drop = options.drop ?? 'server';
  const idleSessionTimeoutMs = drop === 'server' ? (options.idleSessionTimeoutMs ?? 1_000) : null;
  const networkIdleTimeoutMs = drop === 'network' ? (options.networkIdleTimeoutMs ?? 1_000) : null;
  const frozenMs = options.frozenMs ?? 1_500;
  const handlerPath = await variantHandler('idle', variant);
  throwIfAborted(signal);
  const observer = await PgObserver.open(options.databaseUrl);
  const role = await createLabRole(
    observer,
    options.databaseUrl,
    'lab_idle',
    idleSessionTimeoutMs === null ? {} : { idleSessionTimeoutMs },
  );
  let proxy: SilentDropProxy | null = null;
  if (networkIdleTimeoutMs !== null) {
    const target = new URL(options.databaseUrl);
    proxy = await startSilentDropProxy({
      targetHost: target.hostname || '127.0.0.1',
      targetPort: Number(target.port || 5432),
      idleTimeoutMs: networkIdleTimeoutMs,
    }).catch(async (error: unknown) => {
      await role.drop();
      await observer.close();
      throw error;
    });
  }
  const databaseUrl = proxy ? proxy.url(role.url) : role.url;
  const fn = new LocalFunction(
    functionConfig({ handlerPath, reservedConcurrency: 1, environment: { DATABASE_URL: databaseUrl } }),
  );
  const records: InvocationRecord[] = [];
  const event = httpEvent({ method: 'GET', path: '/users/alice' });
  try {
    const first = await fn.invoke(event);
    records.push(first);
    options.onStep?.(
      `first call: ${first.status === 'ok' ? `HTTP ${responseOf(first)?.statusCode ?? '?'}` : first.status}; the container is frozen for ${frozenMs} ms`,
    );
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
    const droppedAt = proxy?.drops[0]?.droppedAt;
    options.onStep?.(
      serverClosedSessionAtMs === null
        ? 'thaw: the second call'
        : `the server closed the idle session after ${serverClosedSessionAtMs} ms; thaw: the second call`,
    );
    const afterThaw = await fn.invoke(event);
    records.push(afterThaw);
    const outcome = describe(afterThaw);
    const healthy = outcome.status === 'ok' && outcome.statusCode === 200;
    return {
      scenario: 'idle',
      variant,
      verdict: healthy ? 'ok' : 'dead-connection',
      drop,
      idleSessionTimeoutMs,
      networkIdleTimeoutMs,
      frozenMs,
      sessionsAfterFirstCall,
      serverClosedSessionAtMs,
      networkDroppedAtMs: droppedAt === undefined ? null : Math.round(droppedAt - frozenAt),
      networkResets: proxy ? proxy.drops.filter((d) => d.resetAt !== null).length : 0,
      networkConnections: proxy?.connections ?? 0,
      first: describe(first),
      afterThaw: outcome,
    };
  } finally {
    await fn.shutdown();
    await proxy?.close();
    await role.drop();
    await observer.close();
    await storeInvocations(
      'idle',
      variant,
      records.map((record) => ({ record })),
    ).catch(() => {});
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
