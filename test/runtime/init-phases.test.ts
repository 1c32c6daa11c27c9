import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionConfig } from '../../lab/runtime/function-config.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

function slowInit(initMs: number, overrides: Partial<FunctionConfig> = {}, env: Record<string, string> = {}) {
  fn = fixtureFunction('slow-init', { ...overrides, environment: { INIT_MS: String(initMs), ...env } });
  return fn;
}

const INIT_START = /^INIT_START Runtime Version: \S+\tRuntime Version ARN: /;

// Source: AWS docs, "Understanding the Lambda execution environment lifecycle"
// (lambda-runtime-environment.html), "Failures during the invoke phase": after a timeout or a
// crash the environment is reset, and the next invoke re-runs init inside the invoke (suppressed
// init). Observed: astuyve/lambda-new-timeout-crash (an init slower than the timeout never recovers).
describe('suppressed init after a reset', () => {
  it('after a timeout, the next call runs init inside the invoke: no Init Duration, init in Duration', async () => {
    const f = slowInit(250, { timeoutMs: 1_000 });
    const first = await f.invoke({});
    expect(first).toMatchObject({ coldStart: true, suppressedInit: false, status: 'ok' });
    expect(first.initDurationMs).toBeGreaterThan(250);
    expect((await f.invoke({ hang: true })).status).toBe('timeout');
    const next = await f.invoke({});
    expect(next).toMatchObject({ status: 'ok', coldStart: true, initDurationMs: null, suppressedInit: true });
    expect(next.durationMs).toBeGreaterThanOrEqual(250);
    expect(next.billedDurationMs).toBe(Math.ceil(next.durationMs));
    expect(next.report).not.toContain('Init Duration');
    expect(next.logs[0]).toMatch(INIT_START);
    // Once it is up, the environment is warm again.
    expect(await f.invoke({})).toMatchObject({ coldStart: false, containerId: next.containerId });
  });

  it('after a crash (Runtime.ExitError), the next call is a suppressed init too', async () => {
    const f = slowInit(0);
    await f.invoke({});
    expect(await f.invoke({ exit: true })).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError' });
    expect(await f.invoke({})).toMatchObject({ coldStart: true, suppressedInit: true, initDurationMs: null });
  });

  it('the doom loop: an init slower than the timeout times out call after call, until the timeout is raised', async () => {
    const f = slowInit(600, { timeoutMs: 400 });
    expect((await f.invoke({})).status).toBe('ok'); // the first init had its 10 s
    expect((await f.invoke({ hang: true })).status).toBe('timeout');
    for (let i = 0; i < 3; i++) {
      const doomed = await f.invoke({});
      expect(doomed).toMatchObject({ status: 'timeout', suppressedInit: true, durationMs: 400 });
      expect(doomed.logs).toContainEqual(
        expect.stringMatching(/^INIT_REPORT Init Duration: 400\.00 ms\tPhase: invoke\tStatus: timeout$/),
      );
    }
    await f.update({ timeoutMs: 2_000 });
    const fixed = await f.invoke({});
    expect(fixed).toMatchObject({ status: 'ok', coldStart: true, suppressedInit: false });
    expect(fixed.initDurationMs).toBeGreaterThan(600);
  });
});

// Source: AWS docs, lambda-runtime-environment.html, "Init phase": "The Init phase is limited to
// 10 seconds. If all three tasks do not complete within 10 seconds, Lambda retries the Init phase
// at the time of the first function invocation with the configured function timeout."
describe('the init phase limit', () => {
  it('logs INIT_START first on every cold start', async () => {
    const f = slowInit(0);
    const cold = await f.invoke({});
    expect(cold.logs[0]).toMatch(INIT_START);
    expect((await f.invoke({})).logs[0]).toMatch(/^START RequestId/);
  });

  it('an init over the limit: INIT_REPORT Status: timeout, then init retried inside the first invoke', async () => {
    const f = slowInit(400, { initTimeoutMs: 200, timeoutMs: 8_000 });
    const record = await f.invoke({});
    expect(record).toMatchObject({ status: 'ok', coldStart: true, initDurationMs: null, suppressedInit: true });
    expect(record.durationMs).toBeGreaterThanOrEqual(400);
    expect(record.logs[0]).toMatch(INIT_START);
    expect(record.logs[1]).toBe('INIT_REPORT Init Duration: 200.00 ms\tPhase: init\tStatus: timeout');
    expect(record.logs[2]).toMatch(INIT_START);
    expect(record.logs[3]).toMatch(/^START RequestId/);
  });

  it('an init over both the limit and the function timeout: the first invoke times out', async () => {
    const f = slowInit(800, { initTimeoutMs: 200, timeoutMs: 300 });
    const record = await f.invoke({});
    expect(record).toMatchObject({ status: 'timeout', errorType: 'Sandbox.Timedout', durationMs: 300 });
    expect(record.logs).toContain('INIT_REPORT Init Duration: 300.00 ms\tPhase: invoke\tStatus: timeout');
  });

  it('an init that throws: INIT_REPORT Status: error with its type, retried, and the error returned', async () => {
    const f = slowInit(0, {}, { INIT_THROWS: '1' });
    const record = await f.invoke({});
    expect(record).toMatchObject({ status: 'error', errorType: 'TypeError', errorMessage: 'config missing' });
    const reports = record.logs.filter((l) => l.startsWith('INIT_REPORT'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(
      /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\tError Type: TypeError$/,
    );
    expect(reports[1]).toMatch(/\tPhase: invoke\tStatus: error\tError Type: TypeError$/);
  });
});
