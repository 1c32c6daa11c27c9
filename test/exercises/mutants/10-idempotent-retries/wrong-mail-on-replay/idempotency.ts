// Wrong: one order, but the replay runs the afterwards step (the mail) again.
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { logJson } from '../../variants/shared/log.ts';
import { pool, type Queryable } from '../../variants/retry/pool.ts';

/** How long a completed answer is kept for duplicates (Powertools' default: one hour). */
const COMPLETE_FOR_SECONDS = 3_600;

/**
 * Powertools idempotency semantics on the idempotency_records table, shared by every container:
 * the key is claimed INPROGRESS (expiring with this invocation's remaining time), the work and
 * its COMPLETE record commit together (then `afterwards` runs, on the first attempt only), a duplicate gets the stored answer, a concurrent
 * duplicate 409, the same key with another payload 422.
 */
@Injectable()
export class Idempotency {
  async once<T>(
    key: string | undefined,
    payload: unknown,
    work: (db: Queryable) => Promise<T>,
    afterwards: (result: T) => Promise<void>,
  ): Promise<T> {
    if (!key) {
      const result = await work(pool);
      await afterwards(result);
      return result;
    }
    const payloadHash = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
    const inProgressMs = currentInvocation().context.getRemainingTimeInMillis();
    const claimed = await pool.query(
      `insert into idempotency_records (key, status, payload_hash, expires_at)
       values ($1, 'INPROGRESS', $2, now() + $3 * interval '1 millisecond')
       on conflict (key) do update set status = 'INPROGRESS', payload_hash = excluded.payload_hash,
         response = null, expires_at = excluded.expires_at
       where idempotency_records.expires_at < now()`,
      [key, payloadHash, inProgressMs],
    );
    if (claimed.rowCount === 0) {
      const stored = await this.duplicate<T>(key, payloadHash);
      // "Make sure the customer got the mail."
      await afterwards(stored);
      return stored;
    }

    const client = await pool.connect();
    let result: T;
    try {
      await client.query('begin');
      result = await work(client);
      await client.query(
        `update idempotency_records set status = 'COMPLETE', response = $2, expires_at = now() + $3 * interval '1 second' where key = $1`,
        [key, JSON.stringify(result), COMPLETE_FOR_SECONDS],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      // As Powertools does: a failed attempt gives the key back, so a retry can run it again.
      await pool
        .query(`delete from idempotency_records where key = $1 and status = 'INPROGRESS'`, [key])
        .catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    // Only the first successful attempt gets here: a replay returns the stored answer above.
    await afterwards(result);
    return result;
  }

  private async duplicate<T>(key: string, payloadHash: string): Promise<T> {
    const { rows } = await pool.query<{ status: string; payload_hash: string; response: T }>(
      'select status, payload_hash, response from idempotency_records where key = $1',
      [key],
    );
    const record = rows[0];
    if (record && record.payload_hash !== payloadHash) {
      logJson('warn', 'idempotency key reused with another payload', { idempotencyKey: key });
      throw new UnprocessableEntityException(
        `Idempotency-Key "${key}" was already used with a different request body.`,
      );
    }
    if (record?.status === 'COMPLETE') {
      logJson('info', 'idempotent replay', { idempotencyKey: key });
      return record.response;
    }
    logJson('info', 'duplicate while the first attempt is in progress', { idempotencyKey: key });
    throw new ConflictException(`A request with Idempotency-Key "${key}" is already in progress. Retry later.`);
  }
}
