import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

/** A JSON event of exactly `bytes` bytes. */
function eventOf(bytes: number): { pad: string } {
  return { pad: 'x'.repeat(bytes - '{"pad":""}'.length) };
}

// Source: AWS docs, API_Invoke.html ("For synchronous invocations, the maximum payload size is
// 6 MB. For asynchronous invocations, the maximum payload size is 1 MB"; RequestTooLargeException)
// and the observed response error "Response payload size exceeded maximum allowed payload size
// (6291556 bytes)" (Function.ResponseSizeTooLarge).
describe('payload limits', () => {
  it('a synchronous request over 6,291,456 bytes is rejected before the function runs', async () => {
    fn = fixtureFunction('echo-size');
    expect((await fn.invoke(eventOf(6_291_456))).status).toBe('ok');
    const record = await fn.invoke(eventOf(6_291_457));
    expect(record).toMatchObject({
      status: 'error',
      errorType: 'RequestTooLargeException',
      containerId: null,
      logs: [],
    });
  });

  it('an asynchronous request over 1 MB is rejected (the 2025 limit, was 256 KB)', async () => {
    fn = fixtureFunction('echo-size');
    expect((await fn.invoke(eventOf(1_048_576), { invocationType: 'Event' })).status).toBe('ok');
    const record = await fn.invoke(eventOf(1_048_577), { invocationType: 'Event' });
    expect(record).toMatchObject({ errorType: 'RequestTooLargeException', containerId: null });
    expect(record.errorMessage).toContain('1048576 bytes');
  });

  it('a response of 6 MB + 100 B passes; one byte more is Function.ResponseSizeTooLarge', async () => {
    fn = fixtureFunction('echo-size');
    expect((await fn.invoke({ respondBytes: 6_291_556 })).status).toBe('ok');
    const record = await fn.invoke({ respondBytes: 6_291_557 });
    expect(record).toMatchObject({
      status: 'error',
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });
});

// Source: AWS docs, API_Invoke.html: the payload is JSON; a body that is not gets
// InvalidRequestContentException. In the lab such a value could only come from code (a cycle, a
// function, a BigInt): before, the IPC send threw and the environment stayed claimed until its
// timeout, so ten of them throttled every call (issue 14's audit).
describe('a payload that is not JSON', () => {
  it('is rejected before any environment is claimed, and leaves the concurrency free', async () => {
    fn = fixtureFunction('echo-size', { reservedConcurrency: 1 });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const bad of [circular, { big: 1n }, ...Array.from({ length: 8 }, () => circular)]) {
      expect(await fn.invoke(bad)).toMatchObject({
        status: 'error',
        errorType: 'InvalidRequestContentException',
        containerId: null,
      });
    }
    expect(fn.containerInfo()).toEqual([]);
    // What JSON drops (a function, undefined) is dropped, as Invoke's JSON body would; the call runs.
    const fine = await fn.invoke({ pad: 'x', fn: () => 1, gone: undefined });
    expect(fine.status).toBe('ok');
  });
});
