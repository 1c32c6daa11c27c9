import { afterEach, describe, expect, it } from 'vitest';
import { functionConfig, MANAGED_INSTANCES, workerCount } from '../../lab/runtime/function-config.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixture, fixtureFunction, sleep } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

const TWO_WORKERS = { AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' };

/** Workers start in parallel and the environment is ready with the first: wait for all of them. */
async function allWorkersReady(f: LocalFunction, count: number): Promise<void> {
  for (let i = 0; i < 500 && (f.containerInfo()[0]?.workers?.ready ?? 0) < count; i++) await sleep(10);
  expect(f.containerInfo()[0]?.workers?.ready).toBe(count);
}

// Source: AWS docs, lambda-managed-instances-nodejs-runtime.html (concurrent requests in one
// environment share its global state) and lambda-managed-instances-execution-environment.html
// (environments are not frozen; a request's timeout does not stop the environment).
describe('Lambda Managed Instances (perExecutionEnvironmentMaxConcurrency > 1)', () => {
  it("one request's timeout ends that request only: its neighbour answers and the environment stays warm", async () => {
    fn = fixtureFunction('sleepy', { perExecutionEnvironmentMaxConcurrency: 4, timeoutMs: 1_000 });
    const warm = await fn.invoke({ ms: 0 });
    const late = fn.invoke({ ms: 5_000 });
    await sleep(600);
    const neighbour = fn.invoke({ ms: 800 });
    expect(await late).toMatchObject({ status: 'timeout', containerId: warm.containerId });
    expect(await neighbour).toMatchObject({ status: 'ok', containerId: warm.containerId });
    expect(await fn.invoke({ ms: 0 })).toMatchObject({ coldStart: false, containerId: warm.containerId });
  });

  it('does not freeze an idle environment: a module timer keeps running', async () => {
    fn = fixtureFunction('ticker', { perExecutionEnvironmentMaxConcurrency: 2 });
    const before = (await fn.invoke({})).result as { ticks: number };
    await sleep(500);
    const after = (await fn.invoke({})).result as { ticks: number };
    expect(after.ticks - before.ticks).toBeGreaterThan(10);
  });

  // lambda-managed-instances-nodejs-runtime.html: "Lambda Managed Instances uses worker threads …
  // Function initialization occurs once per worker thread … Each concurrent request handled by the
  // same worker thread shares the same handler object and global state"; AWS_LAMBDA_NODEJS_WORKER_COUNT
  // sets the number of workers.
  it('runs requests on worker threads, each with its own init and its own module globals', async () => {
    fn = fixtureFunction('worker-state', { perExecutionEnvironmentMaxConcurrency: 8, environment: TWO_WORKERS });
    await fn.invoke({ ms: 300 });
    await allWorkersReady(fn, 2);
    const records = await Promise.all([1, 2, 3, 4].map(() => fn!.invoke({ ms: 200 })));
    const results = records.map((r) => r.result as { threadId: number; pid: number; calls: number });
    expect(new Set(records.map((r) => r.containerId)).size).toBe(1);
    expect(new Set(results.map((r) => r.pid)).size).toBe(1); // one environment, one process
    const threads = new Set(results.map((r) => r.threadId));
    expect(threads.size).toBe(2);
    expect(threads.has(0)).toBe(false); // not the process's main thread: worker threads
    expect(records.map((r) => r.worker)).toEqual(results.map((r) => r.threadId));
    // Two at once on each worker, sharing that worker's counter: 5 calls in all over two counters.
    const perThread = [...threads].map((t) => Math.max(...results.filter((r) => r.threadId === t).map((r) => r.calls)));
    expect(perThread.reduce((a, b) => a + b, 0)).toBe(5);
    const info = fn.containerInfo()[0]!;
    expect(info.workers).toMatchObject({ alive: 2, started: 2 });
    expect(info.maxConcurrency).toBe(8);
  });

  it('logs one init per worker thread with the cold call', async () => {
    fn = fixtureFunction('worker-state', { perExecutionEnvironmentMaxConcurrency: 4, environment: TWO_WORKERS });
    const cold = await fn.invoke({ ms: 500 });
    await allWorkersReady(fn, 2);
    // Each worker's init lines: with the cold call, or, for a worker still starting then, the next call.
    const next = await fn.invoke({});
    const initLines = [...cold.logs, ...next.logs].filter((line) => /init on thread \d+/.test(line));
    expect(new Set(initLines).size).toBe(2);
  });

  // lambda-managed-instances-execution-environment.html, "Invocation timeouts": "Lambda Managed
  // Instances does not enforce timeouts, and your code continues running … The context object
  // provides the remaining time … zero or negative values indicating timeout."
  it('a timed-out request keeps running in its worker: its work lands after the caller got the timeout', async () => {
    fn = fixtureFunction('worker-state', {
      perExecutionEnvironmentMaxConcurrency: 4,
      timeoutMs: 300,
      environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' },
    });
    await fn.invoke({});
    const late = await fn.invoke({ ms: 600, mark: 'late' });
    expect(late).toMatchObject({ status: 'timeout', errorType: 'Sandbox.Timedout' });
    await sleep(600);
    const next = await fn.invoke({});
    expect(next).toMatchObject({ status: 'ok', coldStart: false, containerId: late.containerId });
    const { lastFinished } = next.result as { lastFinished: { mark: string; remainingMs: number } };
    expect(lastFinished.mark).toBe('late');
    expect(lastFinished.remainingMs).toBeLessThanOrEqual(0);
  });

  // lambda-managed-instances-execution-environment.html, "Runtime worker failures": "If a runtime
  // worker crashes, the execution environment continues operating with the remaining healthy workers."
  it('a crashed worker fails its own request only; with no worker left the environment is gone', async () => {
    fn = fixtureFunction('worker-state', { perExecutionEnvironmentMaxConcurrency: 4, environment: TWO_WORKERS });
    const first = await fn.invoke({ ms: 300 });
    await allWorkersReady(fn, 2);
    const crashed = await fn.invoke({ exit: true });
    expect(crashed).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError', containerId: first.containerId });
    expect(crashed.report).toContain('Error Type: Runtime.ExitError');
    const thrown = await fn.invoke({ throwLater: true });
    expect(thrown.status).toBe('error');
    // No worker left after both crashed: the environment is gone and the next call starts another.
    for (
      let i = 0;
      i < 200 && fn.containerInfo().some((c) => c.containerId === first.containerId && c.state !== 'dead');
      i++
    )
      await sleep(10);
    const after = await fn.invoke({});
    expect(after.containerId).not.toBe(first.containerId);
  });

  it('after one worker crashes the environment and its other worker stay', async () => {
    fn = fixtureFunction('worker-state', { perExecutionEnvironmentMaxConcurrency: 4, environment: TWO_WORKERS });
    const first = await fn.invoke({ ms: 300 });
    await allWorkersReady(fn, 2);
    await fn.invoke({ exit: true });
    await sleep(100);
    const next = await fn.invoke({});
    expect(next).toMatchObject({ status: 'ok', coldStart: false, containerId: first.containerId });
    expect(fn.containerInfo()[0]!.workers).toMatchObject({ alive: 1, started: 2 });
  });

  it('on-demand Lambda has no worker threads: the handler runs on the main thread', async () => {
    fn = fixtureFunction('worker-state');
    const record = await fn.invoke({});
    expect((record.result as { threadId: number }).threadId).toBe(0);
    expect(record.worker).toBeUndefined();
    expect(fn.containerInfo()[0]!.workers).toBeNull();
  });
});

describe('Managed Instances settings (sources in each title)', () => {
  const handlerPath = fixture('sleepy');

  it('lambda-managed-instances-nodejs-runtime.html: 64 concurrent requests per vCPU by default', () => {
    const config = functionConfig({ handlerPath, managedInstances: true, memoryMb: 4_096 });
    expect(config.perExecutionEnvironmentMaxConcurrency).toBe(MANAGED_INSTANCES.concurrencyPerVcpu * 2);
    expect(workerCount(config)).toBe(2); // one worker per vCPU unless AWS_LAMBDA_NODEJS_WORKER_COUNT says otherwise
  });

  it('API_LambdaManagedInstancesCapacityProviderConfig.html: PerExecutionEnvironmentMaxConcurrency is 1 to 1,600', () => {
    expect(functionConfig({ handlerPath, perExecutionEnvironmentMaxConcurrency: 1_600 }).managedInstances).toBe(true);
    expect(() => functionConfig({ handlerPath, perExecutionEnvironmentMaxConcurrency: 1_601 })).toThrow(/1600/);
    // On-demand Lambda: one request per environment.
    expect(() =>
      functionConfig({ handlerPath, managedInstances: false, perExecutionEnvironmentMaxConcurrency: 2 }),
    ).toThrow(/between 1 and 1/);
  });

  it('lambda-managed-instances-execution-environment.html: init may take max(130 s, the function timeout)', () => {
    expect(functionConfig({ handlerPath, managedInstances: true }).initTimeoutMs).toBe(130_000);
    expect(functionConfig({ handlerPath, managedInstances: true, timeoutMs: 300_000 }).initTimeoutMs).toBe(300_000);
    expect(functionConfig({ handlerPath }).initTimeoutMs).toBe(10_000);
  });

  it('the Managed Instances init limit follows a new timeout (a configuration update)', async () => {
    fn = fixtureFunction('sleepy', { managedInstances: true });
    await fn.update({ timeoutMs: 300_000 });
    expect(fn.settings.initTimeoutMs).toBe(300_000);
    await fn.update({ initTimeoutMs: 50 });
    await fn.update({ timeoutMs: 200_000 });
    expect(fn.settings.initTimeoutMs).toBe(50); // set on its own: kept
  });

  it('AWS_LAMBDA_NODEJS_WORKER_COUNT sets the workers and must be a whole number', () => {
    expect(workerCount(functionConfig({ handlerPath, managedInstances: true, environment: TWO_WORKERS }))).toBe(2);
    expect(() =>
      functionConfig({ handlerPath, managedInstances: true, environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: 'x' } }),
    ).toThrow(/AWS_LAMBDA_NODEJS_WORKER_COUNT/);
  });
});
