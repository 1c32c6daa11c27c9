import { randomBytes } from 'node:crypto';
import { functionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import type { StepReporter, Variant } from './command-support.ts';
import { DOORS, type DoorSettings, type FrontDoor } from '../front-doors/index.ts';
import { requestEvent } from '../front-doors/events.ts';
import { throughDoor } from '../front-doors/through-door.ts';
import { apiRequestId, pause, responseOf, throwIfAborted } from './http.ts';
import { storeInvocations } from './log-store.ts';
import { PgObserver } from './pg-observer.ts';
import { variantHandler } from './variant-build.ts';

export interface RetryOptions {
  databaseUrl: string;
  variant: Variant;
  /** The front door of the client's calls and its integration timeout; default: an HTTP API, 500 ms. */
  door?: DoorSettings;
  /** Lambda waits 1 min, then 2 min, between async attempts; the lab scales that down. */
  asyncRetryDelaysMs?: [number, number];
  /** Called at each step, as it happens. */
  onStep?: StepReporter;
  signal?: AbortSignal;
}

export interface Attempt {
  attempt: number;
  apiRequestId: string;
  awsRequestId: string;
  containerId: string | null;
  coldStart: boolean;
  /** What the caller saw: an HTTP status (null for an async invocation: nobody waits for it). */
  statusCode: number | null;
  /** The body the client read, for a call through the door (null otherwise). */
  clientBody: string | null;
  /** What the function itself answered, even when nobody was waiting any more. */
  functionStatusCode: number | null;
  invocationStatus: InvocationRecord['status'];
  errorMessage: string | null;
  atMs: number | null;
}

export interface RetryResult {
  scenario: 'retry';
  variant: Variant;
  /** The door the client's calls went through, and its clock (null: none of its own). */
  frontDoor: { door: FrontDoor; label: string; gatewayTimeoutMs: number | null };
  verdict: 'duplicate-order' | 'lost-order' | 'ok';
  clientRetry: { idempotencyKey: string; attempts: Attempt[]; orders: number };
  /** The same request twice at once (a double click): the second is a concurrent duplicate. */
  doubleSubmit: { idempotencyKey: string; attempts: Attempt[]; orders: number };
  asyncRetry: { idempotencyKey: string; attempts: Attempt[]; orders: number };
  reusedKey: { idempotencyKey: string; statusCode: number | null; body: string | null };
  idempotencyRecords: Array<{ key: string; status: string }>;
}

const ORDER = { item: 'lab mug', quantity: 1 };

/**
 * Duplicates. A client that retries after a gateway timeout, a double submit, and an async
 * invocation that Lambda retries twice after it failed, each with one Idempotency-Key: how
 * many orders does the database hold afterwards? Then the same key with another body.
 */
export async function runRetry(options: RetryOptions): Promise<RetryResult> {
  const { variant, signal } = options;
  const step = options.onStep ?? (() => {});
  const base: DoorSettings = options.door ?? { door: 'http', payload: '2.0' };
  const gatewayTimeoutMs = DOORS[base.door].timeout ? (base.integrationTimeoutMs ?? 500) : null;
  const door: DoorSettings = gatewayTimeoutMs === null ? base : { ...base, integrationTimeoutMs: gatewayTimeoutMs };
  const orderEvent = (key: string, body: unknown, id: string) =>
    requestEvent(door, {
      method: 'POST',
      path: '/orders',
      headers: { 'idempotency-key': key },
      body,
      apiRequestId: id,
    });
  const [firstDelay, secondDelay] = options.asyncRetryDelaysMs ?? [150, 300];
  const handlerPath = await variantHandler('retry', variant);
  throwIfAborted(signal);
  const environment = { DATABASE_URL: options.databaseUrl };
  // The payment provider is slow: the gateway gives up before the function is done.
  const apiFn = new LocalFunction(
    functionConfig({
      handlerPath,
      timeoutMs: 4_000,
      environment: { ...environment, PAYMENT_DELAY_MS: '1500', MAIL_DELAY_MS: '0' },
    }),
  );
  // The mail relay hangs after the order is written: the invocation times out. The timeout must
  // also hold Nest's init: after a timeout Lambda re-runs init inside the next attempt, under the
  // function timeout (AWS docs, lambda-runtime-environment.html, suppressed init).
  const asyncFn = new LocalFunction(
    functionConfig({
      handlerPath,
      timeoutMs: 3_000,
      environment: { ...environment, PAYMENT_DELAY_MS: '50', MAIL_DELAY_MS: '5000' },
    }),
  );
  const observer = await PgObserver.open(options.databaseUrl);
  const stored: Array<{ record: InvocationRecord; apiRequestId: string }> = [];
  const run = randomBytes(4).toString('hex');
  try {
    // 1. The client retries on 5xx and 409, with the same Idempotency-Key, up to 6 attempts.
    const clientKey = `order-${run}-client`;
    const clientAttempts: Attempt[] = [];
    const pending: Array<Promise<InvocationRecord>> = [];
    for (let n = 1; n <= 6; n++) {
      throwIfAborted(signal);
      const id = apiRequestId();
      const { answer, atMs, invocation } = await throughDoor(apiFn, orderEvent(clientKey, ORDER, id), door);
      pending.push(invocation);
      const index = clientAttempts.length;
      clientAttempts.push({
        attempt: n,
        apiRequestId: id,
        awsRequestId: '',
        containerId: null,
        coldStart: false,
        statusCode: answer.statusCode,
        clientBody: answer.body.toString('utf8'),
        functionStatusCode: null,
        invocationStatus: 'ok',
        errorMessage: null,
        atMs,
      });
      void invocation.then((record) => {
        Object.assign(clientAttempts[index]!, {
          awsRequestId: record.requestId,
          containerId: record.containerId,
          coldStart: record.coldStart,
          functionStatusCode: responseOf(record)?.statusCode ?? null,
          invocationStatus: record.status,
          errorMessage: record.errorMessage ?? null,
        });
        stored.push({ record, apiRequestId: id });
      });
      const last = answer.statusCode < 500 && answer.statusCode !== 409;
      step(`client attempt ${n}: HTTP ${answer.statusCode} after ${atMs} ms${last ? '' : ', retrying in 300 ms'}`);
      if (last) break;
      await pause(300, signal);
    }
    await Promise.all(pending);
    step('double submit: the same request twice at once');

    // 1b. A double submit: the same request twice at once, on two warm containers.
    const doubleKey = `order-${run}-double`;
    const doubleAttempts = await Promise.all(
      [1, 2].map(async (n): Promise<Attempt> => {
        const id = apiRequestId();
        const record = await apiFn.invoke(orderEvent(doubleKey, ORDER, id));
        stored.push({ record, apiRequestId: id });
        const statusCode = responseOf(record)?.statusCode ?? null;
        return {
          attempt: n,
          apiRequestId: id,
          awsRequestId: record.requestId,
          containerId: record.containerId,
          coldStart: record.coldStart,
          statusCode,
          clientBody: null,
          functionStatusCode: statusCode,
          invocationStatus: record.status,
          errorMessage: record.errorMessage ?? null,
          atMs: Math.round(record.durationMs),
        };
      }),
    );
    throwIfAborted(signal);
    step('async invocation: the mail relay hangs after the order is written');

    // 2. An async invocation: Lambda retries a failed one twice, with the same request id.
    const asyncKey = `order-${run}-async`;
    const asyncApiId = apiRequestId();
    const asyncEvent = orderEvent(asyncKey, ORDER, asyncApiId);
    const asyncAttempts: Attempt[] = [];
    let requestId: string | undefined;
    for (const [n, delay] of [
      [1, 0],
      [2, firstDelay],
      [3, secondDelay],
    ] as const) {
      throwIfAborted(signal);
      await pause(delay, signal);
      const record = await asyncFn.invoke(asyncEvent, {
        invocationType: 'Event',
        ...(requestId ? { requestId } : {}),
      });
      requestId = record.requestId;
      stored.push({ record, apiRequestId: asyncApiId });
      asyncAttempts.push({
        attempt: n,
        apiRequestId: asyncApiId,
        awsRequestId: record.requestId,
        containerId: record.containerId,
        coldStart: record.coldStart,
        statusCode: null,
        clientBody: null,
        functionStatusCode: responseOf(record)?.statusCode ?? null,
        invocationStatus: record.status,
        errorMessage: record.errorMessage ?? null,
        atMs: null,
      });
      step(
        `async attempt ${n}: ${record.status}${record.status === 'ok' || n === 3 ? '' : `, Lambda retries in ${n === 1 ? firstDelay : secondDelay} ms`}`,
      );
      if (record.status === 'ok') break;
    }
    step('the same key with another body, then counting the orders');

    // 3. The same key again, with another body.
    const reuseId = apiRequestId();
    const reused = await apiFn.invoke(orderEvent(clientKey, { ...ORDER, quantity: 2 }, reuseId));
    stored.push({ record: reused, apiRequestId: reuseId });

    const count = async (key: string) =>
      (
        await observer.query<{ n: number }>('select count(*)::int as n from orders where idempotency_key = $1', [key])
      )[0]!.n;
    const [clientOrders, doubleOrders, asyncOrders] = [
      await count(clientKey),
      await count(doubleKey),
      await count(asyncKey),
    ];
    const idempotencyRecords = await observer.query<{ key: string; status: string }>(
      'select key, status from idempotency_records where key = any($1) order by key',
      [[clientKey, doubleKey, asyncKey]],
    );
    const counts = [clientOrders, doubleOrders, asyncOrders];
    const verdict = counts.some((n) => n > 1) ? 'duplicate-order' : counts.some((n) => n === 0) ? 'lost-order' : 'ok';
    return {
      scenario: 'retry',
      variant,
      frontDoor: { door: door.door, label: DOORS[door.door].label, gatewayTimeoutMs },
      verdict,
      clientRetry: { idempotencyKey: clientKey, attempts: clientAttempts, orders: clientOrders },
      doubleSubmit: { idempotencyKey: doubleKey, attempts: doubleAttempts, orders: doubleOrders },
      asyncRetry: { idempotencyKey: asyncKey, attempts: asyncAttempts, orders: asyncOrders },
      reusedKey: {
        idempotencyKey: clientKey,
        statusCode: responseOf(reused)?.statusCode ?? null,
        body: responseOf(reused)?.body ?? null,
      },
      idempotencyRecords,
    };
  } finally {
    await Promise.all([apiFn.shutdown(), asyncFn.shutdown()]);
    await observer.close();
    await storeInvocations('retry', variant, stored).catch(() => {});
  }
}
