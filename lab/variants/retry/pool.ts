import pg from 'pg';

/** One pool per container, sized for one request at a time. */
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, idleTimeoutMillis: 1_000 });

pool.on('error', (error) => {
  console.warn(`db pool: dropped an idle connection (${error.message})`);
});

/** A pool or a client inside a transaction: anything that can run a query. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
