// Wrong: the budget is right, but the cancelled transaction is never rolled back: the connection
// goes back to the pool inside an aborted transaction, and the next report on it fails.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { pool } from '../../variants/budget/pool.ts';

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const budget = Math.floor(currentInvocation().context.getRemainingTimeInMillis() - 300);
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local statement_timeout = ${budget}`);
      await client.query('select pg_sleep($1 / 1000.0)', [ms]);
      await client.query('commit');
      return { sleptMs: ms };
    } catch (error) {
      if ((error as { code?: string }).code === '57014') throw new ServiceUnavailableException('out of time');
      throw error;
    } finally {
      client.release();
    }
  }
}
