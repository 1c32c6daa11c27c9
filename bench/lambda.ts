/**
 * The runtime's own benchmarks, on this machine, in one run:
 * - cold start, bundled vs unbundled (median of COLD_RUNS each, and their ratio);
 * - warm round trip through the local Lambda vs a direct in-process call of the same handler,
 *   and warm invocations per second on one container, for the lab's Nest app and for the
 *   smallest handler (bench/fixtures/echo.mjs: the runtime's own cost, no app in it).
 * Targets are issue 10's: overhead <= 0.15 ms (median), >= 5,000 warm invokes/s, Init ratio <= 0.5.
 * The machine may be shared: compare runs made in the same minute, never one run alone.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadEvent } from '../lab/events/index.ts';
import { buildHandler } from '../lab/runtime/build.ts';
import { functionConfig } from '../lab/runtime/function-config.ts';
import { LocalFunction } from '../lab/runtime/local-function.ts';
import { formatMs } from '../lab/milliseconds.ts';
import { median, percentile } from '../lab/stats.ts';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 12);
const WARM_CALLS = Number(process.env.BENCH_WARM_CALLS ?? 2_000);
const TARGETS = { overheadMs: 0.15, perSecond: 5_000, initRatio: 0.5 } as const;

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** Sequential warm calls on one environment: each call's round trip and the calls per second. */
async function warmCalls(fn: LocalFunction, event: unknown): Promise<{ times: number[]; perSecond: number }> {
  await fn.invoke(event);
  for (let i = 0; i < 100; i++) await fn.invoke(event); // JIT warm-up, not measured
  const times: number[] = [];
  const startedAt = performance.now();
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    const record = await fn.invoke(event);
    times.push(performance.now() - t);
    if (record.coldStart || record.status !== 'ok') throw new Error('a warm call was not warm');
  }
  return { times, perSecond: WARM_CALLS / ((performance.now() - startedAt) / 1000) };
}

async function coldStarts(handlerPath: string, event: unknown): Promise<{ init: number[]; total: number[] }> {
  const init: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const fn = new LocalFunction(functionConfig({ handlerPath }));
    const record = await fn.invoke(event);
    if (record.status !== 'ok' || record.initDurationMs === null)
      throw new Error(`cold run failed: ${record.errorMessage}`);
    init.push(record.initDurationMs);
    total.push(record.initDurationMs + record.durationMs);
    await fn.shutdown();
  }
  return { init, total };
}

async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

export async function runLambdaBench(): Promise<void> {
  const artifact = await buildHandler();
  const { event } = await loadEvent('apigw-v2-get');
  console.log(`bundle: ${(artifact.bundleBytes / 1024).toFixed(0)} KiB, built in ${artifact.buildMs} ms\n`);

  const bundled = await coldStarts(artifact.bundledPath, event);
  const unbundled = await coldStarts(artifact.unbundledPath, event);
  const ratio = median(bundled.init) / median(unbundled.init);
  console.log(`cold start (median of ${COLD_RUNS}), Init Duration | Init + first call`);
  console.log(`  bundled:   ${formatMs(median(bundled.init), 2)} | ${formatMs(median(bundled.total), 2)}`);
  console.log(`  unbundled: ${formatMs(median(unbundled.init), 2)} | ${formatMs(median(unbundled.total), 2)}`);
  console.log(
    `  ratio bundled/unbundled: ${ratio.toFixed(2)} (Init) | ${(median(bundled.total) / median(unbundled.total)).toFixed(2)} (Init + first call)  target <= ${TARGETS.initRatio} ${verdict(ratio <= TARGETS.initRatio)}\n`,
  );

  // Direct: the same bundled handler imported into this process, no runtime in between.
  const { handler } = (await import(artifact.bundledPath)) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 3_000 };
  await quietly(() => handler(event, context)); // Nest's bootstrap log lines are not results
  const direct: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    await handler(event, context);
    direct.push(performance.now() - t);
  }

  // The same direct call in a process that slept first (a timer of 1 ms between calls): what any
  // process woken for each call pays (caches, scheduler), as the environment's process is.
  const directAfterSleep: number[] = [];
  for (let i = 0; i < Math.min(WARM_CALLS, 1_000); i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const t = performance.now();
    await handler(event, context);
    directAfterSleep.push(performance.now() - t);
  }

  const fn = new LocalFunction(functionConfig({ handlerPath: artifact.bundledPath }));
  const app = await warmCalls(fn, event);
  await fn.shutdown();
  const echoPath = fileURLToPath(new URL('./fixtures/echo.mjs', import.meta.url));
  const { handler: echo } = (await import(echoPath)) as { handler: (e: unknown) => Promise<unknown> };
  const echoDirect: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    await echo(event);
    echoDirect.push(performance.now() - t);
  }
  const echoFn = new LocalFunction(functionConfig({ handlerPath: echoPath }));
  const bare = await warmCalls(echoFn, event);
  await echoFn.shutdown();

  const extra = median(app.times) - median(direct);
  const bareExtra = median(bare.times) - median(echoDirect);
  console.log(`warm round trip (median of ${WARM_CALLS}, p99 in brackets)`);
  console.log(
    `  the lab's app, direct in-process call: ${formatMs(median(direct), 2)} (${formatMs(percentile(direct, 99), 2)})`,
  );
  console.log(
    `  the lab's app, through the local Lambda: ${formatMs(median(app.times), 2)} (${formatMs(percentile(app.times, 99), 2)})`,
  );
  console.log(
    `  runtime overhead, the app: ${formatMs(extra, 3)}  target <= ${TARGETS.overheadMs} ms ${verdict(extra <= TARGETS.overheadMs)}`,
  );
  console.log(
    `  the lab's app, direct after a 1 ms sleep: ${formatMs(median(directAfterSleep), 2)} (a process woken per call; overhead against it ${formatMs(median(app.times) - median(directAfterSleep), 3)})`,
  );
  console.log(
    `  runtime overhead, the smallest handler: ${formatMs(bareExtra, 3)}  target <= ${TARGETS.overheadMs} ms ${verdict(bareExtra <= TARGETS.overheadMs)}`,
  );
  console.log(
    `  warm invocations per second, one environment, the app: ${app.perSecond.toFixed(0)}  target >= ${TARGETS.perSecond} ${verdict(app.perSecond >= TARGETS.perSecond)}`,
  );
  console.log(
    `  warm invocations per second, one environment, the smallest handler: ${bare.perSecond.toFixed(0)}  target >= ${TARGETS.perSecond} ${verdict(bare.perSecond >= TARGETS.perSecond)}`,
  );
}

if (import.meta.main) await runLambdaBench();
