import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { http, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

const lab = exerciseLab('07-idempotent-retries');
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

describe('07 idempotent retries', () => {
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
