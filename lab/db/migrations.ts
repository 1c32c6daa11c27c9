import { createHash } from 'node:crypto';
import pg from 'pg';
import { LabDbError } from './errors.ts';

/** One schema change: applied once, in order, recorded in `lab_migrations`. Never edit an applied one: add the next. */
export type Migration = { id: string; sql: string };

/** The users every lab database starts with (truncateLabTables puts them back). */
export const SEED_USERS = [
  { name: 'alice', displayName: 'Alice', role: 'admin' },
  { name: 'bob', displayName: 'Bob', role: 'member' },
] as const;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-orders',
    sql: `
      create table orders (
        id bigserial primary key,
        item text not null,
        quantity int not null check (quantity > 0),
        customer text,
        idempotency_key text,
        created_at timestamptz not null default now()
      );
      -- not unique on purpose: the retry lesson counts the duplicates a buggy handler writes
      create index orders_idempotency_key_idx on orders (idempotency_key);`,
  },
  {
    id: '002-users',
    sql: `
      create table users (
        name text primary key,
        display_name text,
        role text
      );
      insert into users (name, display_name, role) values
        ${SEED_USERS.map((u) => `('${u.name}', '${u.displayName}', '${u.role}')`).join(',\n        ')};`,
  },
  {
    id: '003-idempotency-records',
    // Powertools idempotency semantics: one row per key; INPROGRESS until the handler finishes
    // (expiring with the Lambda's remaining time), then COMPLETE with the stored response.
    sql: `
      create table idempotency_records (
        key text primary key,
        status text not null check (status in ('INPROGRESS', 'COMPLETE')),
        payload_hash text not null,
        response jsonb,
        expires_at timestamptz not null,
        created_at timestamptz not null default now()
      );`,
  },
];

/** Arbitrary but fixed: every lab process migrating the same database queues on this key. */
const MIGRATION_LOCK_KEY = 7_314_002;

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

/**
 * Applies the migrations not yet recorded, all in one transaction, behind a transaction-scoped
 * advisory lock, so two processes migrating at once run one after the other and the second finds
 * nothing to do. A changed applied migration is refused (its checksum no longer matches).
 */
export async function migrate(url: string, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`
      create table if not exists lab_migrations (
        id text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`);
    const { rows } = await client.query<{ id: string; checksum: string }>('select id, checksum from lab_migrations');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const recorded = done.get(migration.id);
      if (recorded !== undefined) {
        if (recorded !== sum) {
          throw new LabDbError(
            `migration ${migration.id} was changed after it was applied to this database`,
            'add a new migration instead; for the embedded lab database, deleting .lab/pg starts afresh',
          );
        }
        result.alreadyApplied.push(migration.id);
        continue;
      }
      await client.query(migration.sql);
      await client.query('insert into lab_migrations (id, checksum) values ($1, $2)', [migration.id, sum]);
      result.applied.push(migration.id);
    }
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}
