// Right, differently: the pool made on the first call, kept at module scope; one client
// checked out per call and released.
import { Injectable } from '@nestjs/common';
import pg from 'pg';

let pool: pg.Pool | undefined;

function thePool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on('error', (error) => console.warn(`db pool: ${error.message}`));
  }
  return pool;
}

@Injectable()
export class DashboardService {
  async load() {
    const client = await thePool().connect();
    try {
      const users = await client.query<{ n: number }>('select count(*)::int as n, pg_sleep(0.05) from users');
      const admins = await client.query<{ n: number }>(
        "select count(*)::int as n, pg_sleep(0.05) from users where role = 'admin'",
      );
      const now = await client.query<{ now: Date }>('select now() as now, pg_sleep(0.05)');
      return { users: users.rows[0]!.n, admins: admins.rows[0]!.n, at: now.rows[0]!.now };
    } finally {
      client.release();
    }
  }
}
