import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { testHome } from './helpers.ts';

/**
 * The real server limits the later scenarios teach with. Superusers may use the slots
 * `superuser_reserved_connections` (default 3) keeps back; the lab sets that (and
 * `reserved_connections`) to 0 so "max_connections=20" means exactly what a learner expects:
 * client 21 is refused, whoever connects. Background workers do not count.
 */
let db: EmbeddedPostgres;

beforeAll(async () => {
  db = await startEmbeddedPostgres({
    home: testHome('limits'),
    maxConnections: 20,
    idleSessionTimeoutMs: 1_500,
    settings: { application_name: 'limits-test' },
  });
});

afterAll(async () => {
  await db?.stop();
});

function client(): pg.Client {
  const c = new pg.Client({ connectionString: db.url });
  c.on('error', () => {});
  return c;
}

describe('real server limits', () => {
  test('max_connections=20: twenty clients connect, the 21st is refused with SQLSTATE 53300', async () => {
    const clients = Array.from({ length: 20 }, client);
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const { rows } = await clients[0]!.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend'",
      );
      expect(rows[0]!.n).toBe(20);
      const extra = client();
      const error = (await extra.connect().catch((e: unknown) => e)) as { code?: string; message?: string };
      expect(error.code).toBe('53300');
      expect(error.message).toBe('sorry, too many clients already');
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
    }
  });

  test('statement_timeout cancels a long query with SQLSTATE 57014, on the server', async () => {
    const c = client();
    await c.connect();
    try {
      await c.query('set statement_timeout = 100');
      const started = performance.now();
      const error = (await c.query('select pg_sleep(5)').catch((e: unknown) => e)) as {
        code?: string;
        message?: string;
      };
      expect(error.code).toBe('57014');
      expect(error.message).toMatch(/statement timeout/);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await c.query('select 1 as ok')).rows[0].ok).toBe(1); // the session survives
    } finally {
      await c.end();
    }
  });

  test('idle_session_timeout closes an idle session from the server side', async () => {
    const c = client();
    const closed = new Promise<Error>((resolve) => c.on('error', resolve));
    await c.connect();
    expect((await c.query('show idle_session_timeout')).rows[0].idle_session_timeout).toBe('1500ms');
    const error = await closed;
    expect(error.message).toMatch(/idle-session timeout|terminat/);
    await c.end().catch(() => {});
  });

  test('extra settings pass through', async () => {
    const c = client();
    await c.connect();
    try {
      expect((await c.query('show application_name')).rows[0].application_name).toBe('limits-test');
    } finally {
      await c.end();
    }
  });
});
