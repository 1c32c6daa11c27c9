// Wrong: the right pool, but no 'error' listener: a connection the server closes while the
// environment is frozen is an uncaught 'error' event.
import { Injectable } from '@nestjs/common';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 60_000 });

@Injectable()
export class DashboardService {
  async load() {
    const users = await pool.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users');
    const admins = await pool.query<{ n: number }>(
      "select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'",
    );
    const now = await pool.query<{ now: Date }>('select now() as now, pg_sleep(0.05)');
    return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
  }
}
