import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../lab/db/launch.ts';
import { isLabDbError } from '../../lab/db/errors.ts';
import {
  databaseBanner,
  describeDatabase,
  openLabDatabase,
  truncateLabTables,
  type LabDatabase,
} from '../../lab/db/lab-database.ts';
import { migrate, MIGRATIONS } from '../../lab/db/migrations.ts';
import { testHome } from './helpers.ts';

let db: LabDatabase;
const savedUrl = process.env.DATABASE_URL; // the suite's global setup may have set one

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  db = await openLabDatabase({ home: testHome('migrations', { fresh: true }) });
});

afterAll(async () => {
  await db?.stop();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations and the lab database', () => {
  test('openLabDatabase starts the embedded server and migrates it', async () => {
    expect(db.source).toBe('embedded');
    const tables = await sql<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['idempotency_records', 'lab_migrations', 'orders', 'users']);
    expect(await sql('select name, role from users order by name')).toEqual([
      { name: 'alice', role: 'admin' },
      { name: 'bob', role: 'member' },
    ]);
  });

  test('applied twice (and four times at once) they are idempotent', async () => {
    expect(await migrate(db.url)).toEqual({ applied: [], alreadyApplied: MIGRATIONS.map((m) => m.id) });
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => migrate(db.url)));
    expect(concurrent.every((r) => r.applied.length === 0)).toBe(true);
    expect(await sql('select id from lab_migrations order by id')).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    expect((await sql<{ n: number }>('select count(*)::int as n from users'))[0]!.n).toBe(2);
  });

  test('concurrent first runs on an empty database apply each migration exactly once', async () => {
    await sql('create schema fresh');
    const url = `${db.url}?options=-c%20search_path%3Dfresh`;
    const results = await Promise.all([1, 2, 3].map(() => migrate(url)));
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    await sql('drop schema fresh cascade');
  });

  test('a changed migration that was already applied is refused', async () => {
    const changed = [{ ...MIGRATIONS[0]!, sql: `${MIGRATIONS[0]!.sql} -- edited` }];
    const error = await migrate(db.url, changed).catch((e: unknown) => e);
    expect(isLabDbError(error)).toBe(true);
    expect((error as Error).message).toMatch(/001-orders was changed/);
  });

  test('constraints hold: quantity > 0, idempotency status', async () => {
    const bad = (await sql("insert into orders (item, quantity) values ('x', 0)").catch((e: unknown) => e)) as {
      code?: string;
    };
    expect(bad.code).toBe('23514');
    const status = (await sql(
      "insert into idempotency_records (key, status, payload_hash, expires_at) values ('k', 'DONE', 'h', now())",
    ).catch((e: unknown) => e)) as { code?: string };
    expect(status.code).toBe('23514');
  });

  test('truncateLabTables empties orders and idempotency records and restores the seed users', async () => {
    await sql("insert into orders (item, quantity, customer, idempotency_key) values ('book', 2, 'alice', 'k1')");
    await sql(
      "insert into idempotency_records (key, status, payload_hash, expires_at) values ('k1', 'INPROGRESS', 'h', now() + interval '1 minute')",
    );
    await sql("delete from users where name = 'bob'");
    await truncateLabTables(db.url);
    expect(await sql('select * from orders')).toEqual([]);
    expect(await sql('select * from idempotency_records')).toEqual([]);
    expect((await sql<{ n: number }>('select count(*)::int as n from users'))[0]!.n).toBe(2);
    const [order] = await sql<{ id: string }>("insert into orders (item, quantity) values ('pen', 1) returning id");
    expect(order!.id).toBe('1'); // identity restarted
  });

  test('describeDatabase feeds the start-up banner', async () => {
    const description = await describeDatabase(db.url);
    expect(description.version).toMatch(/^18\.\d+/);
    expect(description.maxConnections).toBe(40);
    expect(databaseBanner(description)).toBe(
      `PostgreSQL ${description.version} on 127.0.0.1:${db.embedded!.port} (max_connections 40)`,
    );
  });

  test('with DATABASE_URL set, that server is used as-is and stop() leaves it running', async () => {
    process.env.DATABASE_URL = db.url;
    try {
      // This process owns that home: touching the embedded server at all would be refused.
      const external = await openLabDatabase({ home: testHome('migrations') });
      expect(external).toMatchObject({ source: 'DATABASE_URL', url: db.url, embedded: null });
      await external.stop();
      expect((await sql<{ ok: number }>('select 1 as ok'))[0]!.ok).toBe(1);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  test('an unreachable DATABASE_URL gives one readable line and a hint', async () => {
    const port = await freePort(); // nothing listens there
    process.env.DATABASE_URL = `postgres://someone:secret@127.0.0.1:${port}/nowhere`;
    try {
      const error = await openLabDatabase().catch((e: unknown) => e);
      expect(isLabDbError(error)).toBe(true);
      expect((error as Error).message).toBe(
        `cannot use the database at postgres://someone:***@127.0.0.1:${port}/nowhere: connection refused (is the server running?)`,
      );
      expect((error as { hint: string }).hint).toMatch(/unset DATABASE_URL/);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
