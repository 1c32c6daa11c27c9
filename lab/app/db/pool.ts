import pg from 'pg';
import { databaseUrl } from './database-url.ts';

/**
 * The URL, resolved once while the bundle loads (init): DATABASE_URL, or on AWS the secret the
 * deployment names (database-url.ts). A top-level await in an ES module is part of Lambda's init
 * phase, so reading the secret costs Init Duration, never a request's Duration.
 */
export const connectionString = await databaseUrl();

/**
 * One pool per container, created when the bundle loads and reused by every warm invocation.
 * `max: 2`: a container serves one request at a time, so a big pool only multiplies
 * connections when many containers scale out at once (the connection-storm lesson).
 * `idleTimeoutMillis` stays below any server-side idle timeout, and the 'error' listener keeps
 * a connection the server closed during a freeze from killing the whole container.
 */
export const pool = new pg.Pool({
  connectionString,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 1_000,
  connectionTimeoutMillis: 2_000,
});

pool.on('error', (error) => {
  console.warn(`db pool: dropped an idle connection (${error.message})`);
});
