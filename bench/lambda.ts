/**
 * The runtime's own benchmarks, on this machine, in one run:
 * - cold start, bundled vs unbundled (median of COLD_RUNS each, and their ratio);
 * - warm round trip through the local Lambda vs a direct in-process call of the same handler,
 *   and warm invocations per second on one container.
 */
import { performance } from 'node:perf_hooks';
import { loadEvent } from '../lab/events/index.ts';
import { buildHandler } from '../lab/runtime/build.ts';
import { functionConfig } from '../lab/runtime/function-config.ts';
import { LocalFunction } from '../lab/runtime/local-function.ts';
import { formatMs } from '../lab/milliseconds.ts';
import { median, percentile } from '../lab/stats.ts';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 12);
const WARM_CALLS = Number(process.env.BENCH_WARM_CALLS ?? 2_000);

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
    `  ratio bundled/unbundled: ${ratio.toFixed(2)} (Init) | ${(median(bundled.total) / median(unbundled.total)).toFixed(2)} (Init + first call)  target <= 0.60 ${ratio <= 0.6 ? 'met' : 'MISSED'}\n`,
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

  const fn = new LocalFunction(functionConfig({ handlerPath: artifact.bundledPath }));
  await fn.invoke(event);
  const viaRuntime: number[] = [];
  const startedAt = performance.now();
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    const record = await fn.invoke(event);
    viaRuntime.push(performance.now() - t);
    if (record.coldStart || record.status !== 'ok') throw new Error('a warm call was not warm');
  }
  const perSecond = WARM_CALLS / ((performance.now() - startedAt) / 1000);
  await fn.shutdown();
  const extra = median(viaRuntime) - median(direct);
  console.log(`warm round trip (median of ${WARM_CALLS}, p99 in brackets)`);
  console.log(`  direct in-process call: ${formatMs(median(direct), 2)} (${formatMs(percentile(direct, 99), 2)})`);
  console.log(
    `  through the local Lambda: ${formatMs(median(viaRuntime), 2)} (${formatMs(percentile(viaRuntime, 99), 2)})`,
  );
  console.log(`  runtime overhead: ${formatMs(extra, 2)}  target <= 1 ms ${extra <= 1 ? 'met' : 'MISSED'}`);
  console.log(
    `  warm invocations per second, one container: ${perSecond.toFixed(0)}  target >= 1000 ${perSecond >= 1000 ? 'met' : 'MISSED'}`,
  );
}

if (import.meta.main) await runLambdaBench();
