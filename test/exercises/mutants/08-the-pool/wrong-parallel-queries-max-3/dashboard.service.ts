// Wrong: one module pool, but three connections so the queries run in parallel.
import { Injectable } from '@nestjs/common';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
pool.on('error', (error) => console.warn(`db pool: ${error.message}`));

@Injectable()
export class DashboardService {
  async load() {
    const [users, admins, now] = await Promise.all([
      pool.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users'),
      pool.query<{ n: number }>("select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'"),
      pool.query<{ now: Date }>('select now() as now, pg_sleep(0.05)'),
    ]);
    return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
  }
}
