import { Injectable } from '@nestjs/common';
import { pool } from '../pool.ts';

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
