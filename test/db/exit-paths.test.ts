import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { startEmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import { isAlive } from '../../lab/db/processes.ts';
import { clusterProcesses, spawnOpener, testHome, waitUntil } from './helpers.ts';

/**
 * However the owning lab process ends, no postgres process may outlive it. Each case starts the
 * database in a child Node process (fixtures/open-db.ts), ends it one way, and looks for leftovers.
 */
const home = testHome('exit-paths', { fresh: true });

function fastShutdowns(): number {
  const log = fs.existsSync(`${home}/postgres.log`) ? fs.readFileSync(`${home}/postgres.log`, 'utf8') : '';
  return log.split('received fast shutdown request').length - 1;
}

describe('the owner process ends: no orphan postgres', () => {
  test.each([
    ['the event loop runs dry (beforeExit)', 'natural', null],
    ['process.exit()', 'process-exit', null],
    ['an uncaught exception', 'throw', null],
    ['SIGINT (Ctrl-C)', 'hold', 'SIGINT'],
    ['SIGTERM', 'hold', 'SIGTERM'],
  ] as const)('%s', async (_name, then, signal) => {
    const shutdownsBefore = fastShutdowns();
    const owner = await spawnOpener(home, then);
    expect(owner.info.mode).toBe('started');
    if (signal) {
      expect(clusterProcesses(owner.info.clusterName)).toContain(owner.info.postmasterPid);
      owner.child.kill(signal);
    }
    const exit = await owner.exited;
    if (signal) expect(exit.signal).toBe(signal);
    if (then === 'throw') expect(exit.code).toBe(1);
    expect(clusterProcesses(owner.info.clusterName)).toEqual([]);
    expect(isAlive(owner.info.postmasterPid)).toBe(false);
    expect(fastShutdowns()).toBe(shutdownsBefore + 1); // a clean fast shutdown, not a crash
    expect(fs.existsSync(`${home}/lab-db.json`)).toBe(false);
  });

  test('SIGKILL: the watchdog stops the server within a moment', async () => {
    const owner = await spawnOpener(home, 'hold');
    owner.child.kill('SIGKILL');
    await owner.exited;
    expect(await waitUntil(() => clusterProcesses(owner.info.clusterName).length === 0, 5_000)).toBe(true);
  });

  test('SIGKILL without the watchdog: the next opener finds the orphan, stops it, starts fresh', async () => {
    const owner = await spawnOpener(home, 'hold', ['--no-watchdog']);
    owner.child.kill('SIGKILL');
    await owner.exited;
    // the orphan: its owner is dead, the server is not
    expect(isAlive(owner.info.pid)).toBe(false);
    expect(isAlive(owner.info.postmasterPid)).toBe(true);

    const next = await startEmbeddedPostgres({ home });
    expect(next.mode).toBe('started'); // not 'shared': the recorded owner is dead
    expect(next.recovered).toContain('stopped-orphan');
    expect(isAlive(owner.info.postmasterPid)).toBe(false);
    expect(next.postmasterPid).not.toBe(owner.info.postmasterPid);
    await next.stop();
    expect(clusterProcesses(next.clusterName)).toEqual([]);
  });
});
