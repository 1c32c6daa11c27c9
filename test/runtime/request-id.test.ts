import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

describe('request ids', () => {
  it('gives every invocation a fresh awsRequestId', async () => {
    fn = fixtureFunction('logger');
    const [a, b] = [await fn.invoke({ n: 1 }), await fn.invoke({ n: 2 })];
    expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.requestId).not.toBe(a.requestId);
  });

  it('keeps the request id it is given, as Lambda does when it retries an async invocation', async () => {
    fn = fixtureFunction('logger');
    const first = await fn.invoke({ n: 1 });
    const retry = await fn.invoke({ n: 1 }, { requestId: first.requestId });
    expect(retry.requestId).toBe(first.requestId);
    expect(retry.logs[0]).toBe(`START RequestId: ${first.requestId} Version: $LATEST`);
    expect(retry.report).toContain(`REPORT RequestId: ${first.requestId}`);
  });
});
