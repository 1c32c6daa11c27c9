import { describe, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

// The property: each piece of state in its column of the reuse map. The rates (warm column) are
// kept between calls, but only while they are younger than their lifetime, counted on the clock
// across a freeze; the caller's currency (request only) ends with the call. Misconceptions each
// check catches (test/exercises/mutants/04-keep-or-throw-away/):
// - the rates fetched on every call, as request state: the warm call's fetch is counted;
// - the rates kept for the environment's whole life: served stale after a freeze past their lifetime;
// - the age measured from the first fetch, not the latest: every call after the first refresh fetches;
// - the caller's currency kept in the singleton: the next caller is answered in it.
const lab = exerciseLab('04-keep-or-throw-away');
/** Long enough for the lab to freeze the idle environment (SIGSTOP) between two calls. */
const FROZEN_MS = 450;
/** A lifetime shorter than the freeze, for the expiry check. */
const SHORT_TTL_MS = 300;

interface Quote {
  currency: string;
  converted: number;
  ratesVersion: number;
  ratesAgeMs: number;
}

function quote(query: Record<string, string>) {
  const raw = new URLSearchParams(query).toString();
  return sample('health', (event) => {
    event.rawPath = '/quote';
    event.rawQueryString = raw;
    event.queryStringParameters = query;
    event.routeKey = 'GET /quote';
    event.requestContext.http.path = '/quote';
    event.requestContext.routeKey = 'GET /quote';
  });
}

async function call(
  fn: LocalFunction,
  query: Record<string, string>,
): Promise<{ record: InvocationRecord; body: Quote }> {
  const record = await fn.invoke(await quote(query));
  expectBehaviour(statusCode(record) === 200, `GET /quote should answer 200, got ${describeRecord(record)}.`);
  return { record, body: json<Quote>(record.result) };
}

/** Waits with the environment idle, and makes sure the lab froze it meanwhile. */
async function frozenFor(fn: LocalFunction, ms: number): Promise<void> {
  await sleep(ms);
  expectBehaviour(
    fn.containerInfo().some((c) => c.state === 'frozen'),
    `The environment should have been frozen after ${ms} ms idle.`,
  );
}

describe('04 keep or throw away', () => {
  it('keeps the rates between warm calls, across a freeze shorter than their lifetime', async () => {
    const fn = lab.fn();
    const first = await call(fn, { amount: '100' });
    await frozenFor(fn, FROZEN_MS);
    const warm = await call(fn, { amount: '100' });
    expectBehaviour(
      warm.record.containerId === first.record.containerId,
      'The two calls should have run in one warm environment.',
    );
    expectBehaviour(
      warm.body.ratesVersion === first.body.ratesVersion,
      `The warm call fetched the rates again (fetch ${first.body.ratesVersion}, then ${warm.body.ratesVersion}; the warm call took ${warm.record.durationMs} ms) although the first call's were ${FROZEN_MS} ms old and valid for a minute. Rates are a candidate for warm reuse: keep them where they outlive the call.`,
    );
  });

  it('fetches them again once they are older than their lifetime, counted while the environment was frozen', async () => {
    const fn = lab.fn({ environment: { RATES_TTL_MS: String(SHORT_TTL_MS) } });
    const first = await call(fn, { amount: '100' });
    await frozenFor(fn, FROZEN_MS);
    const after = await call(fn, { amount: '100' });
    expectBehaviour(
      after.body.ratesVersion !== first.body.ratesVersion && after.body.ratesAgeMs < SHORT_TTL_MS,
      `After the environment was frozen for ${FROZEN_MS} ms, the call was answered with rates ${after.body.ratesAgeMs} ms old (fetch ${after.body.ratesVersion}), valid for ${SHORT_TTL_MS} ms: they should be fetched again. No timer runs while an environment is frozen; judge their age by the clock when you use them.`,
    );
    const next = await call(fn, { amount: '100' });
    expectBehaviour(
      next.body.ratesVersion === after.body.ratesVersion,
      `Right after the rates were fetched again, the next call fetched them once more (fetches ${first.body.ratesVersion}, ${after.body.ratesVersion}, ${next.body.ratesVersion}): their age should count from the latest fetch, not the first.`,
    );
  });

  it("answers each call in its own currency, never the previous caller's", async () => {
    const fn = lab.fn();
    const usd = await call(fn, { amount: '100', currency: 'USD' });
    const plain = await call(fn, { amount: '100' });
    const krw = await call(fn, { amount: '100', currency: 'KRW' });
    expectBehaviour(usd.body.currency === 'USD', `A call for USD was answered in ${usd.body.currency}.`);
    expectBehaviour(
      plain.body.currency === 'EUR',
      `A call without a currency, on the warm environment, was answered in ${plain.body.currency} (${plain.body.converted}), the previous caller's choice: it should be in EUR. The caller's currency is request state; a field of a singleton provider lives in the warm column.`,
    );
    expectBehaviour(krw.body.currency === 'KRW', `A call for KRW was answered in ${krw.body.currency}.`);
  });
});
