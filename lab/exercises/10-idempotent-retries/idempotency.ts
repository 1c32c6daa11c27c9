import { Injectable } from '@nestjs/common';
import { logJson } from '../../variants/shared/log.ts';
import { pool, type Queryable } from '../../variants/retry/pool.ts';

// TODO: this Map lives in ONE environment. A retry that lands on another environment (or
// after this one is gone) never finds the key, and the order is written and charged twice.
// Keep the idempotency record where every environment sees it: the idempotency_records table
// (key, status, payload_hash, response, expires_at). Claim the key before the work, store the
// answer with the work in one transaction, replay it for a duplicate, answer 409 to a
// duplicate while the first is in progress and 422 to the same key with another body.
/** Answers already given, by idempotency key. */
const answered = new Map<string, unknown>();

@Injectable()
export class Idempotency {
  /** Runs `work`, then `afterwards`, once per key: a repeated key gets the first answer back. */
  async once<T>(
    key: string | undefined,
    _payload: unknown,
    work: (db: Queryable) => Promise<T>,
    afterwards: (result: T) => Promise<void>,
  ): Promise<T> {
    if (key && answered.has(key)) {
      logJson('info', 'idempotent replay', { idempotencyKey: key });
      return answered.get(key) as T;
    }
    const result = await work(pool);
    await afterwards(result);
    if (key) answered.set(key, result);
    return result;
  }
}
