import { performance } from 'node:perf_hooks';
import { functionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import type { StepReporter, Variant } from './command-support.ts';
import { httpEvent, responseOf, throwIfAborted } from './http.ts';
import { createLabRole } from './lab-role.ts';
import { jsonOfLine, storeInvocations } from './log-store.ts';
import { PgObserver } from './pg-observer.ts';
import { variantHandler } from './variant-build.ts';

export interface StormOptions {
  databaseUrl: string;
  variant: Variant;
  /** Containers started at once (all cold in the first wave). */
  containers?: number;
  /** The connections the database lets the function's role open (its lab "max_connections"). */
  connectionLimit?: number;
  /** Rounds of `containers` concurrent calls: the first cold, the rest warm. */
  waves?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called after each wave, as it happens. */
  onStep?: StepReporter;
  signal?: AbortSignal;
}

export interface StormResult {
  scenario: 'storm';
  variant: Variant;
  verdict: 'connection-storm' | 'ok';
  containers: number;
  /** The throwaway role the function logged in as (dropped after the run). */
  role: string;
  connectionLimit: number;
  calls: number;
  failedCalls: number;
  /** Calls that failed because the server refused them a connection (SQLSTATE 53300, logged by the function). */
  refusedCalls: number;
  refusalMessage: string | null;
  peakConnections: number;
  /** Connections the frozen containers still held when the last wave was done. */
  connectionsHeldAfter: number;
  /** pg_stat_activity for the function's role, sampled during the run. */
  connectionsOverTime: Array<{ atMs: number; connections: number }>;
  durationMs: number;
}

/**
 * Warm reuse of the pool, or a storm: `containers` cold containers answer GET /dashboard at
 * once, then again warm, against a database that lets the function's role open only
 * `connectionLimit` connections. The lab samples pg_stat_activity while it runs and counts the
 * refused connections (53300) the function logged, and the failed calls.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const { variant, signal } = options;
  const containers = options.containers ?? 8;
  const connectionLimit = options.connectionLimit ?? 10;
  const waves = options.waves ?? 3;
  const handlerPath = await variantHandler('storm', variant);
  throwIfAborted(signal);
  const observer = await PgObserver.open(options.databaseUrl);
  const role = await createLabRole(observer, options.databaseUrl, 'lab_storm', { connectionLimit });
  const fn = new LocalFunction(
    functionConfig({ handlerPath, reservedConcurrency: containers, environment: { DATABASE_URL: role.url } }),
  );
  const startedAt = performance.now();
  const series: Array<{ atMs: number; connections: number }> = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const connections = await observer.roleSessions(role.name).catch(() => -1);
      if (connections >= 0) series.push({ atMs: Math.round(performance.now() - startedAt), connections });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const records: InvocationRecord[] = [];
  const total = containers * waves;
  try {
    options.onProgress?.(0, total);
    for (let wave = 0; wave < waves; wave++) {
      throwIfAborted(signal);
      const waveStart = records.length;
      const waveStartedAt = performance.now();
      await Promise.all(
        Array.from({ length: containers }, async () => {
          const record = await fn.invoke(httpEvent({ method: 'GET', path: '/dashboard' }));
          records.push(record);
          options.onProgress?.(records.length, total);
        }),
      );
      const failed = records.slice(waveStart).filter((r) => responseOf(r)?.statusCode !== 200).length;
      const peak = Math.max(0, ...series.map((s) => s.connections));
      options.onStep?.(
        `wave ${wave + 1} of ${waves}${wave === 0 ? ' (cold)' : ''}: ${containers} calls, ${failed} failed, ` +
          `${Math.round(performance.now() - waveStartedAt)} ms; connections so far: peak ${peak} of ${connectionLimit}`,
      );
    }
    const connectionsHeldAfter = await observer.roleSessions(role.name);
    sampling = false;
    await sampler;
    const failedCalls = records.filter((r) => responseOf(r)?.statusCode !== 200).length;
    const refusals = records.flatMap((r) => r.logs.map(jsonOfLine).filter((j) => j?.code === '53300'));
    const peakConnections = Math.max(0, ...series.map((s) => s.connections));
    return {
      scenario: 'storm',
      variant,
      verdict: failedCalls > 0 || refusals.length > 0 ? 'connection-storm' : 'ok',
      containers,
      role: role.name,
      connectionLimit,
      calls: records.length,
      failedCalls,
      refusedCalls: refusals.length,
      refusalMessage: refusals[0] ? String(refusals[0].error) : null,
      peakConnections,
      connectionsHeldAfter,
      connectionsOverTime: downsample(series, 40),
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    sampling = false;
    await sampler;
    await fn.shutdown();
    await role.drop();
    await observer.close();
    await storeInvocations(
      'storm',
      variant,
      records.map((record) => ({ record })),
    ).catch(() => {});
  }
}

/** At most `n` samples, keeping each stretch's highest count (a peak must not vanish). */
function downsample(
  series: Array<{ atMs: number; connections: number }>,
  n: number,
): Array<{ atMs: number; connections: number }> {
  if (series.length <= n) return series;
  const size = Math.ceil(series.length / n);
  const out: Array<{ atMs: number; connections: number }> = [];
  for (let i = 0; i < series.length; i += size) {
    const chunk = series.slice(i, i + size);
    out.push(chunk.reduce((best, s) => (s.connections > best.connections ? s : best)));
  }
  return out;
}
