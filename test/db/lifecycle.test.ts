import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { isLabDbError } from '../../lab/db/errors.ts';
import { isAlive } from '../../lab/db/processes.ts';
import { clusterProcesses, spawnOpener, testHome } from './helpers.ts';

const home = testHome('lifecycle', { fresh: true });
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

afterAll(async () => {
  for (const db of opened) await db.stop();
});

describe('embedded PostgreSQL lifecycle', () => {
  test('starts PostgreSQL 18 on 127.0.0.1 only, on a free port, and answers select version()', async () => {
    const db = await open();
    expect(db.mode).toBe('started');
    expect(db.timings.initdbMs).toBeGreaterThan(0); // a fresh home: first run initialises
    expect(db.url).toBe(`postgres://lab:lab@127.0.0.1:${db.port}/lab`);
    const [row] = await query<{ version: string; listen: string; addr: string; fsync: string }>(
      db.url,
      "select version(), current_setting('listen_addresses') as listen, inet_server_addr()::text as addr, current_setting('fsync') as fsync",
    );
    expect(row!.version).toMatch(/^PostgreSQL 18\./);
    expect(row!.listen).toBe('127.0.0.1');
    expect(row!.addr).toBe('127.0.0.1/32');
    expect(row!.fsync).toBe('off');
    // logs go to the file, the socket lives inside the home, ownership is recorded for sharers
    expect(fs.readFileSync(db.paths.log, 'utf8')).toContain('database system is ready to accept connections');
    expect(fs.existsSync(`${db.paths.sockets}/.s.PGSQL.${db.port}`)).toBe(true);
    expect(JSON.parse(fs.readFileSync(db.paths.state, 'utf8'))).toMatchObject({ ownerPid: process.pid, port: db.port });
  });

  test('stop() fast-stops the server and leaves no postgres process', async () => {
    const db = opened.at(-1)!;
    const before = clusterProcesses(db.clusterName);
    expect(before).toContain(db.postmasterPid);
    expect(before.length).toBeGreaterThan(3); // postmaster + checkpointer, walwriter, ...
    await db.stop();
    expect(clusterProcesses(db.clusterName)).toEqual([]);
    expect(before.filter(isAlive)).toEqual([]);
    expect(fs.existsSync(db.paths.state)).toBe(false);
    expect(fs.existsSync(db.paths.pidFile)).toBe(false);
    expect(db.timings.stopMs()).toBeGreaterThan(0);
  });

  test('a second start reuses the cluster (no initdb)', async () => {
    const db = await open();
    expect(db.mode).toBe('started');
    expect(db.timings.initdbMs).toBeNull();
    expect(db.recovered).toEqual([]);
    await db.stop();
  });

  test('another process shares the running server and does not stop it when it exits', async () => {
    const db = await open();
    const other = await spawnOpener(home, 'natural');
    expect(other.info).toMatchObject({
      mode: 'shared',
      port: db.port,
      ownerPid: process.pid,
      postmasterPid: db.postmasterPid,
    });
    expect((await other.exited).code).toBe(0);
    expect(isAlive(db.postmasterPid)).toBe(true);
    expect((await query<{ ok: number }>(db.url, 'select 1 as ok'))[0]!.ok).toBe(1);

    // a second handle in this process shares too; the server stops with the last handle
    const again = await open();
    expect(again).toMatchObject({ mode: 'shared', port: db.port });
    await again.stop();
    expect(isAlive(db.postmasterPid)).toBe(true);
    await db.stop();
    expect(clusterProcesses(db.clusterName)).toEqual([]);
  });

  test('a second opener asking for another max_connections is told why it cannot share', async () => {
    const db = await open({ maxConnections: 25 });
    const error = await startEmbeddedPostgres({ home, maxConnections: 30 }).catch((e: unknown) => e);
    expect(isLabDbError(error)).toBe(true);
    expect((error as Error).message).toMatch(/already running .* max_connections=25, not 30/);
    await db.stop();
  });

  test('two processes opening at once start one server; SIGTERM on each stops cleanly', async () => {
    const [a, b] = await Promise.all([spawnOpener(home, 'hold'), spawnOpener(home, 'hold')]);
    expect([a.info.mode, b.info.mode].sort()).toEqual(['shared', 'started']);
    expect(a.info.port).toBe(b.info.port);
    const [owner, sharer] = a.info.mode === 'started' ? [a, b] : [b, a];
    sharer.child.kill('SIGTERM');
    expect((await sharer.exited).signal).toBe('SIGTERM');
    expect(isAlive(owner.info.postmasterPid)).toBe(true); // a sharer never stops the owner's server
    owner.child.kill('SIGTERM');
    expect((await owner.exited).signal).toBe('SIGTERM'); // stopped its server, then died of the signal as usual
    expect(clusterProcesses(owner.info.clusterName)).toEqual([]);
  });

  test('a stale postmaster.pid (its process is gone) is removed before starting', async () => {
    const dead = spawn('true');
    await once(dead, 'exit');
    fs.writeFileSync(`${home}/data/postmaster.pid`, `${dead.pid}\n${home}/data\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
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
