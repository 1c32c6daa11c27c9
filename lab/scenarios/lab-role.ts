import { randomBytes } from 'node:crypto';
import { asRole, type PgObserver } from './pg-observer.ts';

export interface LabRole {
  name: string;
  /** The database URL, logging in as this role. */
  url: string;
  /** Ends the role's sessions and drops it. */
  drop(): Promise<void>;
}

/**
 * A throwaway login role for one scenario run, so its server-side limits (a CONNECTION LIMIT,
 * an idle_session_timeout) apply to the function's connections only, never to other lab
 * processes or tests sharing the server.
 */
export async function createLabRole(
  observer: PgObserver,
  databaseUrl: string,
  prefix: string,
  settings: { connectionLimit?: number; idleSessionTimeoutMs?: number },
): Promise<LabRole> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const limit = settings.connectionLimit ?? -1;
  try {
    await observer.query(`create role ${name} login password '${password}' connection limit ${limit}`);
  } catch (error) {
    throw new Error(
      `this scenario needs to create a role on the lab database (${(error as Error).message}); the embedded lab PostgreSQL allows it.`,
      { cause: error },
    );
  }
  await observer.query(`grant select on users to ${name}`);
  if (settings.idleSessionTimeoutMs !== undefined) {
    await observer.query(`alter role ${name} set idle_session_timeout = ${Math.round(settings.idleSessionTimeoutMs)}`);
  }
  return {
    name,
    url: asRole(databaseUrl, name, password),
    drop: async () => {
      await observer
        .query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [name])
        .catch(() => {});
      for (let i = 0; i < 20; i++) {
        try {
          await observer.query(`drop owned by ${name}`);
          await observer.query(`drop role ${name}`);
          return;
        } catch {
          // Its sessions are still going away.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    },
  };
}
