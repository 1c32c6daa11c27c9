import { Injectable } from '@nestjs/common';
import { span } from '../common/trace.ts';
import { DbService } from '../db/db.service.ts';

@Injectable()
export class ReportsService {
  constructor(private readonly db: DbService) {}

  /** A query that really takes `ms` on the server: the timeout-budget lesson's slow dependency. */
  slow(ms: number): Promise<{ sleptMs: number; serverPid: number }> {
    return span('provider', async () => {
      const [row] = await this.db.query<{ pid: number }>('select pg_sleep($1 / 1000.0), pg_backend_pid() as pid', [ms]);
      return { sleptMs: ms, serverPid: row!.pid };
    });
  }
}
