/**
 * Same-minute A/B of two copies of the runtime, for a machine whose load changes by the minute:
 * `BENCH_A=/path/to/other/checkout node bench/ab.ts [warm|cold] [app|echo]`. A is that checkout's
 * lab/runtime, B this one's; both run the same handler (this checkout's build, `npm run bench`
 * makes it). Warm: blocks of calls alternate between A's and B's environment, with direct
 * in-process calls between them; cold: Init Duration, bundled and unbundled, alternating.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadEvent } from '../lab/events/index.ts';
import { BUILD_DIR } from '../lab/runtime/build.ts';
import type { FunctionConfig } from '../lab/runtime/function-config.ts';
import type { InvocationRecord } from '../lab/runtime/invocation.ts';
import { median } from '../lab/stats.ts';

interface Runtime {
  make(config: Partial<FunctionConfig> & { handlerPath: string }): {
    invoke(event: unknown): Promise<InvocationRecord>;
    shutdown(): Promise<void>;
  };
}

async function runtime(root: string): Promise<Runtime> {
  const { LocalFunction } = (await import(
    `${root}/lab/runtime/local-function.ts`
  )) as typeof import('../lab/runtime/local-function.ts');
  const { functionConfig } = (await import(
    `${root}/lab/runtime/function-config.ts`
  )) as typeof import('../lab/runtime/function-config.ts');
  return { make: (config) => new LocalFunction(functionConfig(config)) };
}

const otherRoot = process.env.BENCH_A;
if (!otherRoot) {
  console.error('BENCH_A must name the other checkout (the A side), e.g. BENCH_A=/tmp/before node bench/ab.ts');
  process.exit(2);
}
const mode = process.argv[2] ?? 'warm';
const which = process.argv[3] ?? 'app';
const sides = { A: await runtime(otherRoot), B: await runtime(fileURLToPath(new URL('..', import.meta.url))) };
const { event } = await loadEvent('apigw-v2-get');
const appPath = `${BUILD_DIR}/bundle/lab/handler.mjs`;
const handlerPath = which === 'echo' ? fileURLToPath(new URL('./fixtures/echo.mjs', import.meta.url)) : appPath;

if (mode === 'cold') {
  const paths = { bundled: appPath, unbundled: `${BUILD_DIR}/tsc/lab/handler.js` };
  const init: Record<string, number[]> = {};
  for (let round = 0; round < Number(process.env.BENCH_COLD_RUNS ?? 6); round++) {
    for (const kind of ['bundled', 'unbundled'] as const) {
      for (const side of ['A', 'B'] as const) {
        const fn = sides[side].make({ handlerPath: paths[kind], timeoutMs: 30_000 });
        const record = await fn.invoke(event);
        await fn.shutdown();
        if (record.initDurationMs === null) throw new Error(`cold run failed: ${record.errorMessage}`);
        (init[`${side} ${kind}`] ??= []).push(record.initDurationMs);
      }
    }
  }
  for (const side of ['A', 'B']) {
    const b = median(init[`${side} bundled`]!);
    const u = median(init[`${side} unbundled`]!);
    console.log(`${side}: Init bundled ${b.toFixed(0)} ms, unbundled ${u.toFixed(0)} ms, ratio ${(b / u).toFixed(2)}`);
  }
} else {
  const { handler } = (await import(handlerPath)) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 3_000 };
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write; // Nest's bootstrap lines
  await handler(event, context);
  process.stdout.write = write;
  const fns = { A: sides.A.make({ handlerPath }), B: sides.B.make({ handlerPath }) };
  for (const fn of Object.values(fns)) for (let i = 0; i < 300; i++) await fn.invoke(event);
  const times: Record<'A' | 'B' | 'direct', number[]> = { A: [], B: [], direct: [] };
  const rates: Record<'A' | 'B', number[]> = { A: [], B: [] };
  const block = 300;
  for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 8); round++) {
    for (const side of round % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      const startedAt = performance.now();
      for (let i = 0; i < block; i++) {
        const t = performance.now();
        const record = await fns[side].invoke(event);
        times[side].push(performance.now() - t);
        if (record.status !== 'ok' || record.coldStart) throw new Error('a warm call was not warm');
      }
      rates[side].push(block / ((performance.now() - startedAt) / 1000));
      for (let i = 0; i < block / 2; i++) {
        const t = performance.now();
        await handler(event, context);
        times.direct.push(performance.now() - t);
      }
    }
  }
  const direct = median(times.direct);
  for (const side of ['A', 'B'] as const) {
    const trip = median(times[side]);
    console.log(
      `${which} ${side}: round trip ${trip.toFixed(3)} ms − direct ${direct.toFixed(3)} ms = ${(trip - direct).toFixed(3)} ms; ${median(rates[side]).toFixed(0)} invokes/s (median of ${rates[side].length} blocks)`,
    );
  }
  await Promise.all(Object.values(fns).map((fn) => fn.shutdown()));
}
