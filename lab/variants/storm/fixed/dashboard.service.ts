import { Injectable } from '@nestjs/common';
import pg from 'pg';

/**
 * One pool per container, created when the module loads and reused by every warm call.
 * `max: 1`: the container serves one request at a time, so one connection is all it needs;
 * N containers then hold at most N connections.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 60_000 });
pool.on('error', (error) => console.warn(`db pool: dropped an idle connection (${error.message})`));

@Injectable()
export class DashboardService {
  /** Three independent queries, one after the other on the container's one connection. */
  async load() {
    const users = await pool.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users');
    const admins = await pool.query<{ n: number }>(
      "select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'",
    );
    const now = await pool.query<{ now: Date }>('select now() as now, pg_sleep(0.05)');
    return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
  }
}
