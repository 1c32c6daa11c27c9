import { afterEach, describe, expect, it } from 'vitest';
import type { InvocationRecord, InvocationStart } from '../../lab/runtime/invocation.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

type Seen = ['start', InvocationStart] | ['end', InvocationRecord];

function watch(target: LocalFunction): Seen[] {
  const seen: Seen[] = [];
  target.on('invocation-start', (start) => seen.push(['start', start]));
  target.on('invocation', (record) => seen.push(['end', record]));
  return seen;
}

describe('invocation events', () => {
  it("announces each call's start before its record, with the function's budget", async () => {
    fn = fixtureFunction('counter', { functionName: 'events-fn', timeoutMs: 1234, memoryMb: 256 });
    const seen = watch(fn);
    const before = Date.now();
    const cold = await fn.invoke({});
    const warm = await fn.invoke({});
    expect(seen.map(([kind, e]) => [kind, e.requestId])).toEqual([
      ['start', cold.requestId],
      ['end', cold.requestId],
      ['start', warm.requestId],
      ['end', warm.requestId],
    ]);
    const [, start] = seen[0]! as ['start', InvocationStart];
    expect(start).toMatchObject({ functionName: 'events-fn', timeoutMs: 1234, memorySizeMb: 256 });
    expect(start.at).toBeGreaterThanOrEqual(before);
    expect(start.at).toBeLessThanOrEqual(Date.now());
  });

  it('announces no start for a throttled call, which no environment ran', async () => {
    fn = fixtureFunction('sleepy', { reservedConcurrency: 1 });
    const seen = watch(fn);
    const [ran, throttled] = await Promise.all([fn.invoke({ ms: 200 }), fn.invoke({ ms: 0 })]);
    expect(ran!.status).toBe('ok');
    expect(throttled!.status).toBe('throttled');
    const starts = seen.filter(([kind]) => kind === 'start').map(([, e]) => e.requestId);
    const ends = seen.filter(([kind]) => kind === 'end').map(([, e]) => e.requestId);
    expect(starts).toEqual([ran!.requestId]);
    expect(ends.sort()).toEqual([ran!.requestId, throttled!.requestId].sort());
  });
});
