import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { clusterNameFor, startEmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { readOwner } from '../../lab/db/owner-lock.ts';
import { isAlive, sleep } from '../../lab/db/processes.ts';
import { clusterProcesses, spawnOpener, spawnOwner, testHome, waitUntil } from './helpers.ts';

/**
 * However the owning lab process ends, no postgres process may outlive it, except after SIGKILL,
 * when nothing of it runs: then the next owner must stop the orphan. Each case starts the database
 * in a child Node process (fixtures/open-db.ts), ends it one way, and looks for leftovers.
 */
const home = testHome('exit-paths', { fresh: true });
const lock = `${home}/owner.lock`;

function fastShutdowns(): number {
  const log = fs.existsSync(`${home}/postgres.log`) ? fs.readFileSync(`${home}/postgres.log`, 'utf8') : '';
  return log.split('received fast shutdown request').length - 1;
}

describe('the owner process ends: no orphan postgres', () => {
  test.each([
    ['the event loop runs dry (beforeExit)', 'natural', null],
    ['process.exit()', 'process-exit', null],
    ['an uncaught exception', 'throw', null],
    ['SIGINT (Ctrl-C), with a session open', 'hold', 'SIGINT'],
    ['SIGTERM, with a session open', 'hold', 'SIGTERM'],
  ] as const)('%s', async (_name, then, signal) => {
    const shutdownsBefore = fastShutdowns();
    const owner = await spawnOwner(home, then);
    if (signal) {
      expect(clusterProcesses(owner.info.clusterName)).toContain(owner.info.postmasterPid);
      owner.child.kill(signal);
    }
    const exit = await owner.exited;
    if (signal) expect(exit.signal).toBe(signal);
    else expect(exit.code).toBe(then === 'throw' ? 1 : 0);
    // Checked at once, not eventually: the owner waits for its postmaster before it is gone itself.
    expect(clusterProcesses(owner.info.clusterName)).toEqual([]);
    expect(isAlive(owner.info.postmasterPid)).toBe(false);
    expect(fastShutdowns()).toBe(shutdownsBefore + 1); // a clean fast shutdown, not a crash
    expect(fs.existsSync(lock)).toBe(false);
  });

  test('SIGKILL: the server survives its owner; the next owner stops the orphan, starts its own, and works', async () => {
    const owner = await spawnOwner(home, 'hold');
    owner.child.kill('SIGKILL');
    await owner.exited;
    await sleep(300); // nothing of the owner runs to stop it, so it stays
    expect(isAlive(owner.info.postmasterPid)).toBe(true);
    expect(readOwner(lock)?.pid).toBe(owner.info.pid); // a stale lock: its holder is dead

    const next = await startEmbeddedPostgres({ home });
    try {
      expect(next.recovered).toEqual(['stopped-orphan']);
      expect(isAlive(owner.info.postmasterPid)).toBe(false);
      expect(next.postmasterPid).not.toBe(owner.info.postmasterPid);
      expect(clusterProcesses(next.clusterName)).toContain(next.postmasterPid);
      expect(readOwner(lock)?.pid).toBe(process.pid);
      const client = new pg.Client({ connectionString: next.url });
      await client.connect();
      expect((await client.query<{ n: number }>('select 41 + 1 as n')).rows[0]!.n).toBe(42);
      await client.end();
    } finally {
      await next.stop();
    }
    expect(clusterProcesses(next.clusterName)).toEqual([]);
  });

  // Signalled once it holds the lock, while initdb runs on a fresh home: start-up is under way.
  test.each([
    ['no other SIGTERM listener: the signal ends it', []],
    ['its own SIGTERM listener exits later: start-up stops, no server is left for nobody', ['--slow-sigterm']],
  ])('SIGTERM during start-up, %s', async (_name, extra) => {
    const fresh = testHome('exit-paths-startup', { fresh: true });
    const opener = spawnOpener(fresh, 'hold', extra).catch(() => null); // it may die before printing
    const locked = await waitUntil(() => fs.existsSync(`${fresh}/owner.lock`), 10_000);
    expect(locked).toBe(true);
    expect(fs.existsSync(`${fresh}/cluster.json`)).toBe(false); // still initialising
    const pid = readOwner(`${fresh}/owner.lock`)!.pid;
    process.kill(pid, 'SIGTERM');
    await waitUntil(() => !isAlive(pid), 10_000);
    await opener;
    await sleep(2_000); // an initdb it started may still be finishing; a server it spawned would be up by now
    expect(clusterProcesses(clusterNameFor(fresh))).toEqual([]);
    expect(fs.existsSync(`${fresh}/owner.lock`)).toBe(false);
  });
});
