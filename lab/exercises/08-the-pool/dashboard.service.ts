import { Injectable } from '@nestjs/common';
import pg from 'pg';

@Injectable()
export class DashboardService {
  /** Three independent queries, run side by side. */
  async load() {
    // TODO: a new pool on every call, never closed, with room for 20 connections: each warm call
    // leaves more connections open, and many environments at once exhaust the database's limit.
    // Make ONE pool per environment (module scope), sized for one request at a time, and give
    // it an 'error' listener: a connection the server closes while the environment is frozen
    // must not take the whole environment down.
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
