// Wrong: a pool per call, ended after it. Nothing is held after the calls, and every call
// pays for a new connection (a spike still opens one per environment per call).
import { Injectable } from '@nestjs/common';
import pg from 'pg';

@Injectable()
export class DashboardService {
  async load() {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const users = await pool.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users');
      const admins = await pool.query<{ n: number }>(
        "select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'",
      );
      const now = await pool.query<{ now: Date }>('select now() as now, pg_sleep(0.05)');
      return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
    } finally {
      await pool.end();
    }
  }
}
