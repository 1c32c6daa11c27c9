import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction, sleep } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

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
});
