import { Injectable } from '@nestjs/common';
import { pool } from '../../variants/budget/pool.ts';

// TODO: a constant that knows nothing about this invocation. The function may have far less
// than 5 s left, so Lambda kills the environment mid-query and the client gets no answer at
// all, while the server keeps sleeping. Derive the statement timeout from the time this
// invocation has left (minus a margin to answer), and when the database cancels the query
// (SQLSTATE 57014) answer 503 yourself.
/** A generous database timeout: no report should ever need more than 5 s. */
const STATEMENT_TIMEOUT_MS = 5_000;

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      await client.query('select pg_sleep($1 / 1000.0)', [ms]);
      await client.query('commit');
      return { sleptMs: ms };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
