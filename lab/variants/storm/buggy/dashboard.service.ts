import { Injectable } from '@nestjs/common';
import pg from 'pg';

@Injectable()
export class DashboardService {
  /** Three independent queries, run side by side. */
  async load() {
    // A pool for this call, generously sized so the three queries never wait for each other.
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
    const [users, admins, now] = await Promise.all([
      pool.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users'),
      pool.query<{ n: number }>("select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'"),
      pool.query<{ now: Date }>('select now() as now, pg_sleep(0.05)'),
    ]);
    return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
  }
}
