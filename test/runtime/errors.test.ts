import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_PATTERN } from '../../lab/runtime/log-lines.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

const failing = () => (fn = fixtureFunction('failing'));

// Source: aws/aws-lambda-nodejs-runtime-interface-client v3.3.0, src/Errors.js (toRapidResponse,
// toFormatted), src/CallbackContext.js (fail, "Invoke Error"), src/RAPIDClient.js
// (_trySerializeResponse), src/Runtime.js and src/index.mjs (crash handling, exit 128/129).
describe('errors as the runtime interface client reports them', () => {
  it('a thrown Error: errorType, errorMessage and trace (Errors.js toRapidResponse); the environment stays warm', async () => {
    const f = failing();
    const first = await f.invoke({});
    const record = await f.invoke({ kind: 'error' });
    expect(record).toMatchObject({ status: 'error', errorType: 'TypeError', errorMessage: 'bad input' });
    expect(record.trace?.[0]).toBe('TypeError: bad input');
    expect(record.trace?.[1]).toMatch(/^\s+at /);
    const line = record.logs.find((l) => l.includes('Invoke Error'));
    expect(line).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad input","stack":\["TypeError: bad input",/,
    );
    expect(record.report).not.toContain('Status:');
    expect((await f.invoke({})).containerId).toBe(first.containerId);
  });

  it("a thrown string: errorType is its typeof, 'string', and the trace is empty", async () => {
    const record = await failing().invoke({ kind: 'string' });
    expect(record).toMatchObject({ errorType: 'string', errorMessage: 'just a string', trace: [] });
    // The log line wraps it in an Error first (LogPatch.js: toFormatted(intoError(err))).
    expect(record.logs.find((l) => l.includes('Invoke Error'))).toContain(
      '"errorType":"Error","errorMessage":"just a string"',
    );
  });

  it("a rejection with undefined fails as the string 'handled' (CallbackContext.js fail)", async () => {
    const record = await failing().invoke({ kind: 'nothing' });
    expect(record).toMatchObject({ errorType: 'string', errorMessage: 'handled' });
  });

  it("a result JSON cannot hold: 'Unable to stringify response body' (RAPIDClient.js)", async () => {
    const record = await failing().invoke({ kind: 'circular' });
    expect(record).toMatchObject({
      status: 'error',
      errorType: 'Error',
      errorMessage: 'Unable to stringify response body',
    });
  });

  it('an unhandled rejection: Runtime.UnhandledPromiseRejection, the environment exits, REPORT Error Type: Runtime.ExitError', async () => {
    const f = failing();
    const record = await f.invoke({ kind: 'rejection' });
    expect(record).toMatchObject({
      status: 'error',
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: nobody awaited me',
    });
    expect(
      record.logs.some((l) =>
        /\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime.UnhandledPromiseRejection"/.test(l),
      ),
    ).toBe(true);
    expect(record.report).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(record.report).toMatch(REPORT_PATTERN);
    expect(record.maxMemoryUsedMb).toBeGreaterThan(0);
    expect((await f.invoke({})).suppressedInit).toBe(true);
  });

  it('an uncaught exception: the error itself is the answer, then the environment exits', async () => {
    const record = await failing().invoke({ kind: 'uncaught' });
    expect(record).toMatchObject({ status: 'error', errorType: 'RangeError', errorMessage: 'thrown from a timer' });
    expect(record.report).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
  });

  it('process.exit in the handler: Runtime.ExitError with the exit status, and the memory it used', async () => {
    const record = await failing().invoke({ kind: 'exit' });
    expect(record).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with error: exit status 7',
    });
    expect(record.report).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(record.maxMemoryUsedMb).toBeGreaterThan(0);
  });

  it('an init failure reports the memory it used, never 0 MB', async () => {
    fn = fixtureFunction('slow-init', { environment: { INIT_THROWS: '1' } });
    const record = await fn.invoke({});
    expect(record.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(record.report).toMatch(/\tStatus: error\tError Type: TypeError$/);
  });
});
