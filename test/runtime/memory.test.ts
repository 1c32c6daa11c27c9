import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_PATTERN } from '../../lab/runtime/log-lines.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

const OOM_REPORT =
  /\tMax Memory Used: (\d+) MB(?:\tInit Duration: [\d.]+ ms)?\tStatus: error\tError Type: Runtime\.OutOfMemory$/;

// Source: AWS docs, configuration-memory.html (the memory setting is the function's limit) and
// lambda-runtime-environment.html ("Failures during the invoke phase": an out-of-memory kill
// resets the environment); observed REPORT `Status: error Error Type: Runtime.OutOfMemory`.
describe('the memory setting is a limit', () => {
  it('memory past the limit kills the environment: Runtime.OutOfMemory, then a suppressed init', async () => {
    fn = fixtureFunction('hog', { memoryMb: 128 });
    const record = await fn.invoke({ mb: 256 });
    expect(record).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory' });
    expect(record.errorMessage).toBe(`RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed`);
    expect(record.report).toMatch(REPORT_PATTERN);
    expect(Number(OOM_REPORT.exec(record.report)?.[1])).toBeGreaterThanOrEqual(128);
    expect(await fn.invoke({})).toMatchObject({ status: 'ok', coldStart: true, suppressedInit: true });
  });

  it('a V8 heap exhaustion reports the same, not a raw sigabrt', async () => {
    fn = fixtureFunction('hog', { memoryMb: 128 });
    const record = await fn.invoke({ heap: true });
    expect(record).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory' });
    expect(record.report).toMatch(OOM_REPORT);
  });

  it('memory under the limit is fine, and Max Memory Used shows what was held', async () => {
    fn = fixtureFunction('hog', { memoryMb: 256 });
    const record = await fn.invoke({ mb: 64 });
    expect(record.status).toBe('ok');
    expect(record.maxMemoryUsedMb).toBeGreaterThan(64);
    expect(record.maxMemoryUsedMb).toBeLessThanOrEqual(256);
  });
});
