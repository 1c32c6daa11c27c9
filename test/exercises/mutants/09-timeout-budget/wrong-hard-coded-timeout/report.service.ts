// Wrong: a constant below the one function timeout a check might use. It never reads the clock,
// so under a longer timeout it cancels reports that fit, and under a shorter one Lambda kills it.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { pool } from '../../variants/budget/pool.ts';

const STATEMENT_TIMEOUT_MS = 1_000;

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
      if ((error as { code?: string }).code === '57014') throw new ServiceUnavailableException('out of time');
      throw error;
    } finally {
      client.release();
    }
  }
}
