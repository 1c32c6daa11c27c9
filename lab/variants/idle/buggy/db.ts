import pg from 'pg';

/** One pool per container, reused by every warm call (pg keeps an idle connection for 10 s). */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });

export async function query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await pool.query<Row>(text, params)).rows;
}
