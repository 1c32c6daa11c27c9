import pg from 'pg';
import { logJson } from '../../shared/log.ts';

/**
 * One pool per container, reused by every warm call. An idle connection is closed after
 * 500 ms, below the server's idle_session_timeout (1 s here), so the pool lets go first.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 500 });

// A connection the server closed while the container was frozen reports here on the thaw:
// without a listener that 'error' would crash the whole container.
pool.on('error', (error) =>
  logJson('warn', 'db pool: dropped a connection the server closed', { error: error.message }),
);

/** A read, retried once on a fresh connection if the one it got had died during a freeze. */
export async function query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
  try {
    return (await pool.query<Row>(text, params)).rows;
  } catch (error) {
    if (!isDeadConnection(error)) throw error;
    logJson('warn', 'db: the connection was dead, retrying once on a new one', { error: (error as Error).message });
    return (await pool.query<Row>(text, params)).rows;
  }
}

function isDeadConnection(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '57P05' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated|not queryable/.test(message ?? '')
  );
}
