// PostgreSQL killed under a running lab (the OOM killer, a stray kill -9) comes back by itself,
// on the same port, so every function's DATABASE_URL still works; the log says so in one line.
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { testHome } from './helpers.ts';

let db: EmbeddedPostgres | undefined;
afterAll(async () => {
  await db?.stop();
});

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe('a supervised PostgreSQL', () => {
  test('is restarted on the same port when killed, with one line in the log', async () => {
    const lines: string[] = [];
    db = await startEmbeddedPostgres({ home: testHome('supervision'), onLog: (line) => lines.push(line) });
    const first = db.postmasterPid;
    const before = lines.length;
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    while (!(db.postmasterPid !== first && (await answers(db.url))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await answers(db.url)).toBe(true);
    expect(db.postmasterPid).not.toBe(first);
    const said = lines.slice(before);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(`^PostgreSQL \\(pid ${first}\\) died \\(SIGKILL\\): restarted on port ${db.port}`),
    );
    await db.stop();
  }, 60_000);

  test('is not restarted when the lab stops it', async () => {
    const lines: string[] = [];
    db = await startEmbeddedPostgres({ home: testHome('supervision'), onLog: (line) => lines.push(line) });
    const before = lines.length;
    await db.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(lines.slice(before)).toEqual([]);
    expect(await answers(db.url)).toBe(false);
    db = undefined;
  }, 60_000);
});
