import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { http, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

// The property: each key's work and side effects happen once, however attempts arrive or die.
// Misconceptions each check catches (test/exercises/mutants/10-idempotent-retries/):
// - the record kept in the environment: the retry runs on another one;
// - the afterwards step (the mail) run on a replay too: side effects are counted, not only rows;
// - a claim that never expires, or one no retry may take over: an attempt is killed mid-work;
// - the order committed apart from its record: the killed attempt's order is counted;
// - a key reused with another body replayed: it must be a 422.
const lab = exerciseLab('10-idempotent-retries');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => db.end());

function order(key: string, body: Record<string, unknown> = { item: 'book', quantity: 2 }) {
  return sample('apigw-v2-post', (event) => {
    event.headers['idempotency-key'] = key;
    event.body = JSON.stringify(body);
    event.headers['content-length'] = String(Buffer.byteLength(event.body));
  });
}

async function ordersWritten(key: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>('select count(*) as n from orders where idempotency_key = $1', [key]);
  return Number(rows[0]!.n);
}

const created = (r: InvocationRecord) => statusCode(r) === 200 || statusCode(r) === 201;

/** Side effects, not rows: how many of these records logged the line (a charge, a mail). */
const logged = (records: InvocationRecord[], text: string) =>
  records.reduce((n, r) => n + r.logs.filter((line) => line.includes(text)).length, 0);

describe('08 idempotent retries', () => {
  it('answers a retry on another environment with the first answer', async () => {
    const key = randomUUID();
    const first = await lab.fn().invoke(await order(key));
    const retry = await lab.fn().invoke(await order(key));
    expectBehaviour(created(first), `POST /orders should create the order, got ${describeRecord(first)}.`);
    expectBehaviour(first.containerId !== retry.containerId, 'The retry should have run in another environment.');
    const written = await ordersWritten(key);
    expectBehaviour(
      written === 1,
      `The same order (one Idempotency-Key), retried on another environment, was written ${written} times: the record of the first attempt lives only in the environment that served it.`,
    );
    expectBehaviour(
      created(retry) && http(retry.result).body === http(first.result).body,
      `The retry should get the first answer back (${http(first.result).body}), got ${describeRecord(retry)}: ${http(retry.result)?.body}.`,
    );
    const mails = logged([first, retry], 'sending the confirmation mail');
    expectBehaviour(
      mails === 1,
      `The order was written once, but the confirmation mail went out ${mails} times: the replay ran the afterwards step too. A replay returns the stored answer and does nothing else.`,
    );
  });

  it('lets a retry take over from an attempt killed mid-work', { timeout: 30_000 }, async () => {
    const key = randomUUID();
    // The payment takes 3 s in a function that times out after 1 s: Lambda kills the first
    // attempt between writing the order and recording the answer.
    const killed = await lab
      .fn({ timeoutMs: 1_000, environment: { PAYMENT_DELAY_MS: '3000' } })
      .invoke(await order(key));
    expectBehaviour(
      killed.status === 'timeout',
      `The first attempt should time out mid-work, got ${describeRecord(killed)}.`,
    );
    // What a killed attempt claimed lasts only as long as that invocation could have run.
    let retry = await lab.fn().invoke(await order(key));
    for (let i = 0; i < 10 && statusCode(retry) === 409; i++) {
      await sleep(300);
      retry = await lab.fn().invoke(await order(key));
    }
    expectBehaviour(
      created(retry),
      `After an attempt was killed mid-work (Task timed out), retries 1 s and more later still answered ${describeRecord(retry)}: the key stayed claimed. Let a claim expire with the invocation that made it (its remaining time), and let a retry take over an expired claim.`,
    );
    const written = await ordersWritten(key);
    expectBehaviour(
      written === 1,
      `After an attempt was killed mid-work and retried, ${written} orders were written: the killed attempt's order was committed without its record. Write the order and the COMPLETE record in one transaction.`,
    );
  });

  it('writes one order when two attempts arrive at once', async () => {
    const key = randomUUID();
    const event = await order(key);
    const [a, b] = await Promise.all([lab.fn().invoke(event), lab.fn().invoke(event)]);
    const written = await ordersWritten(key);
    expectBehaviour(
      written === 1,
      `Two attempts with one Idempotency-Key at the same moment, on two environments, wrote ${written} orders.`,
    );
    const statuses = [a, b].map((r) => statusCode(r));
    expectBehaviour(
      statuses.every((s) => s === 200 || s === 201 || s === 409) && statuses.some((s) => s === 200 || s === 201),
      `One attempt should create the order and the other get it back or a 409; they answered ${describeRecord(a)} and ${describeRecord(b)}.`,
    );
  });

  it('refuses the same key with a different body', async () => {
    const key = randomUUID();
    const first = await lab.fn().invoke(await order(key));
    const other = await lab.fn().invoke(await order(key, { item: 'pen', quantity: 1 }));
    expectBehaviour(created(first), `POST /orders should create the order, got ${describeRecord(first)}.`);
    expectBehaviour(
      statusCode(other) === 422,
      `The same Idempotency-Key with another body should be refused with 422, got ${describeRecord(other)}.`,
    );
    expectBehaviour((await ordersWritten(key)) === 1, 'Only the first order should be written.');
  });
});
