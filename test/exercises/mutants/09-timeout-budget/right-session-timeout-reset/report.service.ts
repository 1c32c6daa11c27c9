// Right, differently: no transaction; the session's statement_timeout is set for this query and
// reset before the connection goes back, so the next caller never inherits it.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { pool } from '../../variants/budget/pool.ts';

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const deadline = Date.now() + currentInvocation().context.getRemainingTimeInMillis();
    const client = await pool.connect();
    try {
      await client.query(`set statement_timeout = ${Math.max(1, Math.floor(deadline - Date.now() - 250))}`);
      await client.query('select pg_sleep($1 / 1000.0)', [ms]);
      return { sleptMs: ms };
    } catch (error) {
      if ((error as { code?: string }).code === '57014') throw new ServiceUnavailableException();
      throw error;
    } finally {
      await client.query('reset statement_timeout').catch(() => {});
      client.release();
    }
  }
}
