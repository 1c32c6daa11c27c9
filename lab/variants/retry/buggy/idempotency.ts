import { Injectable } from '@nestjs/common';
import { logJson } from '../../shared/log.ts';
import { pool, type Queryable } from '../pool.ts';

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
