// Its own file on purpose: the first invoke of a process, before the container entry is known
// to be built, must place its call as synchronously as every later one.
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

describe('placement', () => {
  it('books an environment before invoke() returns, even on the first call of a process', async () => {
    fn = fixtureFunction('counter', { reservedConcurrency: 1 });
    const first = fn.invoke({});
    expect(fn.containerInfo()).toMatchObject([{ state: 'initializing' }]);
    // The one environment is taken: a call arriving now is throttled, not queued behind a build.
    const second = fn.invoke({});
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ status: 'ok', coldStart: true });
    expect(b.status).toBe('throttled');
  });

  it('stops an environment killed before its process started', async () => {
    fn = fixtureFunction('counter');
    const call = fn.invoke({});
    await fn.shutdown();
    const record = await call;
    expect(record.status).toBe('error');
    expect(fn.containerInfo()).toEqual([]);
  });
});
