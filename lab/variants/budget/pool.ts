import pg from 'pg';

/** One pool per container, one connection: a container serves one request at a time. */
export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 1,
  idleTimeoutMillis: 1_000,
});

pool.on('error', (error) => {
  console.warn(`db pool: dropped an idle connection (${error.message})`);
});
