import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { currentInvocation } from '../../../app/event-to-request/current-invocation.ts';
import { logJson } from '../../shared/log.ts';
import { pool } from '../pool.ts';

/** Time kept back to roll back, answer and log before Lambda's own deadline. */
const SAFETY_MARGIN_MS = 300;

@Injectable()
export class ReportService {
  async slow(ms: number): Promise<{ sleptMs: number }> {
    const { context } = currentInvocation();
    // The query may use what is left of this invocation, minus the margin: never more.
    const statementTimeoutMs = Math.floor(context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
    if (statementTimeoutMs <= 0) throw this.outOfTime(statementTimeoutMs);
    logJson('info', 'report query', { ms, statementTimeoutMs });
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local statement_timeout = ${statementTimeoutMs}`);
      await client.query('select pg_sleep($1 / 1000.0)', [ms]);
      await client.query('commit');
      return { sleptMs: ms };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      // 57014 query_canceled: the server stopped the query itself, so nothing keeps running there.
      if ((error as { code?: string }).code === '57014') throw this.outOfTime(statementTimeoutMs);
      throw error;
    } finally {
      client.release();
    }
  }

  private outOfTime(statementTimeoutMs: number): ServiceUnavailableException {
    const { context } = currentInvocation();
    logJson('warn', 'report cancelled: out of time budget', {
      statementTimeoutMs,
      remainingMs: context.getRemainingTimeInMillis(),
    });
    return new ServiceUnavailableException({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The report did not finish within the time this request has. Try a smaller report.',
      requestId: context.awsRequestId,
    });
  }
}
