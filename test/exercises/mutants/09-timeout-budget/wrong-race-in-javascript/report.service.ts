// Wrong: the function answers 503 in time, but only JavaScript stops waiting. The server keeps
// sleeping on the connection, which goes back to the pool still busy.
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { pool } from '../../variants/budget/pool.ts';

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const budget = currentInvocation().context.getRemainingTimeInMillis() - 300;
    const client = await pool.connect();
    const work = client.query('select pg_sleep($1 / 1000.0)', [ms]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budget)));
    try {
      if ((await Promise.race([work, late])) === 'late') {
        work.catch(() => {}).finally(() => client.release());
        throw new ServiceUnavailableException('out of time');
      }
      client.release();
      return { sleptMs: ms };
    } finally {
      clearTimeout(timer);
    }
  }
}
