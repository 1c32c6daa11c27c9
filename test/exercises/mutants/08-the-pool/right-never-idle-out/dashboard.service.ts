// Right, differently: idle connections are never closed by the pool (0), and a connection
// attempt gives up after 2 s instead of hanging.
import { Injectable } from '@nestjs/common';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 1,
  idleTimeoutMillis: 0,
  connectionTimeoutMillis: 2_000,
});
pool.on('error', () => {
  // The next query checks out a fresh connection; nothing else to do.
});

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
