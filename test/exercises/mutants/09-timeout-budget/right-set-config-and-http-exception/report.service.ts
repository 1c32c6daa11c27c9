// Right, differently: the timeout set with set_config() (a bound parameter, not SQL text), a
// larger margin, and a plain HttpException carrying 503.
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';
import { pool } from '../../variants/budget/pool.ts';

const MARGIN_MS = 500;

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const left = currentInvocation().context.getRemainingTimeInMillis() - MARGIN_MS;
    if (left <= 0) throw new HttpException('no time left', HttpStatus.SERVICE_UNAVAILABLE);
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('statement_timeout', $1, true)`, [String(Math.floor(left))]);
      await client.query('select pg_sleep($1 / 1000.0)', [ms]);
      await client.query('commit');
      return { sleptMs: ms };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      const cancelled = (error as { code?: string }).code === '57014';
      throw cancelled ? new HttpException('report out of time', HttpStatus.SERVICE_UNAVAILABLE) : error;
    } finally {
      client.release();
    }
  }
}
