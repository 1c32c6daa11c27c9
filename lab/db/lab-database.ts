import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.ts';
import { LabDbError, isLabDbError, redactUrl } from './errors.ts';
import { migrate, SEED_USERS } from './migrations.ts';

export type LabDatabase = {
  url: string;
  source: 'embedded' | 'DATABASE_URL';
  /** Embedded: stops the server this process owns and releases its home. DATABASE_URL: does nothing. */
  stop(): Promise<void>;
  /** The embedded server's details (pids, paths, timings); null with DATABASE_URL. */
  embedded: EmbeddedPostgres | null;
};

export type OpenLabDatabaseOptions = { maxConnections?: number } & Omit<EmbeddedPostgresOptions, 'maxConnections'>;

/**
 * The lab's database, migrated: the server DATABASE_URL names if it is set, else the embedded
 * PostgreSQL 18, owned by this process (an error names the live lab process that owns it instead).
 */
export async function openLabDatabase(opts: OpenLabDatabaseOptions = {}): Promise<LabDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await withReadableErrors(external, () => migrate(external));
    return { url: external, source: 'DATABASE_URL', stop: async () => {}, embedded: null };
  }
  const embedded = await startEmbeddedPostgres(opts);
  try {
    await withReadableErrors(embedded.url, () => migrate(embedded.url));
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, source: 'embedded', stop: () => embedded.stop(), embedded };
}

/** Empties what tests write (orders, idempotency records) and restores the seed users. */
export async function truncateLabTables(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('begin');
    try {
      await client.query('truncate orders, idempotency_records restart identity');
      await client.query('delete from users');
      for (const user of SEED_USERS) {
        await client.query('insert into users (name, display_name, role) values ($1, $2, $3)', [
          user.name,
          user.displayName,
          user.role,
        ]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  });
}

export type DatabaseDescription = {
  /** `server_version`, e.g. "18.4". */
  version: string;
  maxConnections: number;
  host: string;
  port: number;
};

export async function describeDatabase(url: string): Promise<DatabaseDescription> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ version: string; max_connections: number }>(
      "select current_setting('server_version') as version, current_setting('max_connections')::int as max_connections",
    ),
  );
  const parsed = new URL(url);
  return {
    version: rows[0]!.version,
    maxConnections: rows[0]!.max_connections,
    host: parsed.hostname || 'localhost',
    port: Number(parsed.port || 5432),
  };
}

/** The start-up banner line: "PostgreSQL 18.4 on 127.0.0.1:PORT (max_connections 40)". */
export function databaseBanner(description: DatabaseDescription): string {
  return `PostgreSQL ${description.version} on ${description.host}:${description.port} (max_connections ${description.maxConnections})`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await withReadableErrors(url, () => client.connect());
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connection failures people can fix become one line plus a hint. */
async function withReadableErrors<T>(url: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isLabDbError(error)) throw error;
    const code = (error as { code?: string }).code;
    const where = redactUrl(url);
    const hint =
      process.env.DATABASE_URL === url
        ? 'fix DATABASE_URL or start that server; unset DATABASE_URL to use the embedded lab PostgreSQL'
        : 'restart the lab; if it persists, delete .lab/pg to start afresh';
    const known: Record<string, string> = {
      ECONNREFUSED: 'connection refused (is the server running?)',
      ENOTFOUND: 'unknown host',
      ETIMEDOUT: 'connection timed out',
      EHOSTUNREACH: 'host unreachable',
      '28P01': 'password authentication failed',
      '28000': 'this role may not connect',
      '3D000': 'the database does not exist',
      '53300': 'too many clients already (max_connections reached)',
      '57P03': 'the server is starting up or shutting down',
    };
    const reason =
      (code && known[code]) ?? (/timeout/i.test((error as Error).message) ? 'connection timed out' : undefined);
    if (reason) throw new LabDbError(`cannot use the database at ${where}: ${reason}`, hint, { cause: error });
    throw error;
  }
}
