// Wrong: the whole remaining time goes to the query, none to roll back and answer. The database
// cancels it at the very moment Lambda kills the environment.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { pool } from '../../variants/budget/pool.ts';

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const budget = Math.floor(currentInvocation().context.getRemainingTimeInMillis());
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local statement_timeout = ${budget}`);
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
