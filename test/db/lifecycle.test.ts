import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { isLabDbError } from '../../lab/db/errors.ts';
import { readOwner } from '../../lab/db/owner-lock.ts';
import { isAlive, processStartTime } from '../../lab/db/processes.ts';
import { clusterProcesses, spawnOpener, testHome } from './helpers.ts';

const home = testHome('lifecycle', { fresh: true });
const lock = `${home}/owner.lock`;
const opened: EmbeddedPostgres[] = [];

async function open(options: Parameters<typeof startEmbeddedPostgres>[0] = {}): Promise<EmbeddedPostgres> {
  const db = await startEmbeddedPostgres({ home, ...options });
  opened.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function fastShutdowns(): number {
  return fs.readFileSync(`${home}/postgres.log`, 'utf8').split('received fast shutdown request').length - 1;
}

async function deadPid(): Promise<number> {
  const dead = spawn('true');
  await once(dead, 'exit');
  return dead.pid!;
}

afterAll(async () => {
  for (const db of opened) await db.stop();
});

describe('embedded PostgreSQL lifecycle: one owner per home', () => {
  test('starts PostgreSQL 18 on 127.0.0.1 only, on a free port, and answers select version()', async () => {
    const db = await open();
    expect(db.timings.initdbMs).toBeGreaterThan(0); // a fresh home: first run initialises
    // A password of its own, never the one the source used to fix.
    expect(db.url).toMatch(new RegExp(`^postgres://lab:[0-9a-f]{48}@127\\.0\\.0\\.1:${db.port}/lab$`));
    const [row] = await query<{ version: string; listen: string; addr: string; fsync: string }>(
      db.url,
      "select version(), current_setting('listen_addresses') as listen, inet_server_addr()::text as addr, current_setting('fsync') as fsync",
    );
    expect(row!.version).toMatch(/^PostgreSQL 18\./);
    expect(row!.listen).toBe('127.0.0.1');
    expect(row!.addr).toBe('127.0.0.1/32');
    expect(row!.fsync).toBe('off');
    // logs go to the file, the socket lives inside the home, the owner lock names this process
    expect(fs.readFileSync(db.paths.log, 'utf8')).toContain('database system is ready to accept connections');
    expect(fs.existsSync(`${db.paths.sockets}/.s.PGSQL.${db.port}`)).toBe(true);
    expect(readOwner(lock)).toEqual({ pid: process.pid, startTime: processStartTime(process.pid) });
  });

  test('a second open in the same process is refused: there is one owner handle', async () => {
    const db = opened.at(-1)!;
    const error = await startEmbeddedPostgres({ home }).catch((e: unknown) => e);
    expect(isLabDbError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^the lab database in \S+ is already open in this process$/);
    expect((await query<{ ok: number }>(db.url, 'select 1 as ok'))[0]!.ok).toBe(1);
  });

  test('stop() fast-stops the server, leaves no postgres process and releases the lock; again, nothing', async () => {
    const db = opened.at(-1)!;
    const before = clusterProcesses(db.clusterName);
    expect(before).toContain(db.postmasterPid);
    expect(before.length).toBeGreaterThan(3); // postmaster + checkpointer, walwriter, ...
    await db.stop();
    expect(clusterProcesses(db.clusterName)).toEqual([]);
    expect(before.filter(isAlive)).toEqual([]);
    expect(fs.existsSync(lock)).toBe(false);
    expect(fs.existsSync(db.paths.pidFile)).toBe(false);
    expect(db.timings.stopMs()).toBeGreaterThan(0);
    const shutdowns = fastShutdowns();
    await db.stop();
    expect(fastShutdowns()).toBe(shutdowns);
  });

  test('a second start reuses the cluster (no initdb)', async () => {
    const db = await open();
    expect(db.timings.initdbMs).toBeNull();
    expect(db.recovered).toEqual([]);
    await db.stop();
  });

  test('another process opening the home while the owner lives is told who owns it; the server is untouched', async () => {
    const db = await open();
    const shutdowns = fastShutdowns();
    const other = await spawnOpener(home, 'hold');
    expect(other.info).toEqual({
      error: `the lab database in .lab/pg-test-lifecycle is in use by lab process ${process.pid}`,
      hint: 'run your command through that lab (npx lab …), stop it (npx lab stop), or set DATABASE_URL',
    });
    expect((await other.exited).code).toBe(2);
    expect(clusterProcesses(db.clusterName)).toContain(db.postmasterPid);
    expect(fastShutdowns()).toBe(shutdowns);
    expect(readOwner(lock)?.pid).toBe(process.pid);
    expect((await query<{ ok: number }>(db.url, 'select 1 as ok'))[0]!.ok).toBe(1);
    await db.stop();
  });

  test('two processes opening at once: one owns it, the other is refused naming it; SIGTERM stops it cleanly', async () => {
    const both = await Promise.all([spawnOpener(home, 'hold'), spawnOpener(home, 'hold')]);
    const owners = both.filter((o) => o.info.error === undefined);
    const refused = both.filter((o) => o.info.error !== undefined);
    expect(owners).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const owner = owners[0]!;
    expect(refused[0]!.info.error).toMatch(new RegExp(`in use by lab process ${owner.child.pid}$`));
    const info = owner.info as { postmasterPid: number; clusterName: string };
    expect(isAlive(info.postmasterPid)).toBe(true);
    owner.child.kill('SIGTERM');
    expect((await owner.exited).signal).toBe('SIGTERM'); // stopped its server, then died of the signal as usual
    expect(clusterProcesses(info.clusterName)).toEqual([]);
    expect(fs.existsSync(lock)).toBe(false);
  });

  test('a stale owner lock is taken over: its holder is dead, or its pid now runs another program', async () => {
    fs.writeFileSync(lock, JSON.stringify({ pid: await deadPid(), startTime: '1' }));
    const afterDeath = await open();
    await afterDeath.stop();
    // This very pid, but not started when the lock says: the recorded owner is gone, the pid reused.
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, startTime: '1' }));
    const afterReuse = await open();
    expect(readOwner(lock)?.startTime).toBe(processStartTime(process.pid));
    await afterReuse.stop();
    expect(fs.existsSync(lock)).toBe(false);
  });

  test('a stale postmaster.pid (its process is gone) is removed before starting', async () => {
    const pid = await deadPid();
    fs.writeFileSync(`${home}/data/postmaster.pid`, `${pid}\n${home}/data\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
    const db = await open();
    expect(db.recovered).toContain('stale-pid-file');
    await db.stop();
  });

  test('a half-initialised cluster is created again', async () => {
    fs.rmSync(`${home}/cluster.json`); // what an initdb interrupted half-way leaves: data without the marker
    const db = await open();
    expect(db.recovered).toContain('re-initialised');
    expect(db.timings.initdbMs).toBeGreaterThan(0);
    expect((await query<{ ok: number }>(db.url, 'select 1 as ok'))[0]!.ok).toBe(1);
    await db.stop();
    expect(clusterProcesses(db.clusterName)).toEqual([]);
  });

  test('an unusable home gives one readable line and a hint', async () => {
    const file = testHome('not-a-folder', { fresh: true });
    fs.writeFileSync(file, 'a file where the database folder should be');
    const error = await startEmbeddedPostgres({ home: `${file}/pg` }).catch((e: unknown) => e);
    fs.rmSync(file);
    expect(isLabDbError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^cannot use .* for the lab database: ENOTDIR$/);
  });
});
