import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres } from '../../lab/db/embedded-postgres.ts';
import type { LabDbState } from '../../lab/db/lab-db-state.ts';
import { isAlive } from '../../lab/db/processes.ts';
import { clusterProcesses, END_HOWS, registeredUsers, spawnUser, testHome, waitUntil, type EndHow } from './helpers.ts';

/**
 * Several lab processes share one server (the learner's REPL, then `npm start`; two test runs):
 * whoever started it, it runs while any of them lives and stops when the last one leaves, however
 * each one ends. Every user here is its own Node process (fixtures/open-db.ts --then serve).
 */
const home = testHome('last-one-out', { fresh: true });
const spawned: Array<Awaited<ReturnType<typeof spawnUser>>> = [];

async function user(extra: string[] = []) {
  const u = await spawnUser(home, extra);
  spawned.push(u);
  return u;
}

function state(): LabDbState | null {
  return fs.existsSync(`${home}/lab-db.json`)
    ? (JSON.parse(fs.readFileSync(`${home}/lab-db.json`, 'utf8')) as LabDbState)
    : null;
}

function fastShutdowns(): number {
  const log = fs.existsSync(`${home}/postgres.log`) ? fs.readFileSync(`${home}/postgres.log`, 'utf8') : '';
  return log.split('received fast shutdown request').length - 1;
}

/** What an ended user leaves once it is the last one: nothing. */
function expectNoServer(clusterName: string, postmasterPid: number): void {
  expect(clusterProcesses(clusterName)).toEqual([]);
  expect(isAlive(postmasterPid)).toBe(false);
  expect(state()).toBeNull();
  expect(registeredUsers(home)).toEqual([]);
}

afterEach(async () => {
  for (const u of spawned.splice(0))
    if (u.child.exitCode === null && u.child.signalCode === null) u.child.kill('SIGKILL');
  // anything a failed test left: the next opener recovers it, then stops it
  const db = await startEmbeddedPostgres({ home });
  await db.stop();
});

describe('last one out stops the server', () => {
  test('the owner exits first: the sharer keeps its database, then stops it when it leaves', async () => {
    const shutdowns = fastShutdowns();
    const owner = await user(); // `npm run lab`
    const sharer = await user(); // `npm start`, later
    expect(owner.info.mode).toBe('started');
    expect(sharer.info).toMatchObject({ mode: 'shared', postmasterPid: owner.info.postmasterPid, ownerPid: owner.pid });
    expect(registeredUsers(home)).toEqual([owner.pid, sharer.pid].sort());
    const held = await sharer.ask('query'); // a connection open across the owner's exit
    expect(held).toMatchObject({ ok: true, n: 42 });

    expect(await owner.end('exit')).toEqual({ code: 0, signal: null }); // the learner closes the REPL
    expect(isAlive(owner.info.postmasterPid)).toBe(true);
    expect(state()).toMatchObject({ ownerPid: sharer.pid, postmasterPid: owner.info.postmasterPid }); // handed over
    expect(registeredUsers(home)).toEqual([sharer.pid]);
    expect(await sharer.ask('query')).toEqual({ ok: true, n: 42, pid: held.pid }); // same session, still there
    expect(await sharer.ask('fresh')).toMatchObject({ ok: true, n: 42 });

    const stopped = await sharer.ask('stop'); // the last one out: it stops the server it did not start
    expect(stopped).toMatchObject({ ok: true, outcome: 'stopped' });
    expect(stopped.stopMs).toBeGreaterThan(0);
    expectNoServer(owner.info.clusterName, owner.info.postmasterPid);
    expect(fastShutdowns()).toBe(shutdowns + 1); // one clean fast shutdown, not a crash
    expect(await sharer.end('natural')).toEqual({ code: 0, signal: null });
  });

  test.each([
    ['its watchdog leaves for it', []],
    ['without a watchdog, it is just ignored', ['--no-watchdog']],
  ])(
    'the owner is SIGKILLed while a sharer lives (%s): the sharer keeps working, then stops it',
    async (_name, flags) => {
      const shutdowns = fastShutdowns();
      const owner = await user(flags);
      const sharer = await user();
      await sharer.ask('query');

      await owner.end('SIGKILL');
      if (flags.length === 0)
        expect(await waitUntil(() => !registeredUsers(home).includes(owner.pid), 5_000)).toBe(true);
      else await new Promise((resolve) => setTimeout(resolve, 300)); // time enough for anything that would wrongly stop it
      expect(isAlive(owner.info.postmasterPid)).toBe(true);
      expect(await sharer.ask('query')).toMatchObject({ ok: true, n: 42 });
      expect(await sharer.ask('fresh')).toMatchObject({ ok: true, n: 42 });

      // a newcomer shares it (its users are not all dead), and the dead owner's place goes to a live user
      const newcomer = await startEmbeddedPostgres({ home });
      expect(newcomer).toMatchObject({ mode: 'shared', postmasterPid: owner.info.postmasterPid, ownerPid: sharer.pid });
      expect(state()?.ownerPid).toBe(sharer.pid);
      expect(registeredUsers(home)).toEqual([process.pid, sharer.pid].sort());
      await newcomer.stop();
      expect(newcomer.stopOutcome()).toBe('left-running');

      expect(await sharer.end('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
      expectNoServer(owner.info.clusterName, owner.info.postmasterPid);
      expect(fastShutdowns()).toBe(shutdowns + 1);
    },
  );

  test.each([1, 2])(
    'three users leave in a random order (round %i): the server stops exactly when the last one leaves',
    async () => {
      const users = await Promise.all([user(), user(), user()]); // opened at once: one starts, two share
      expect(users.map((u) => u.info.mode).sort()).toEqual(['shared', 'shared', 'started']);
      const { postmasterPid, clusterName } = users[0]!.info;
      expect(users.every((u) => u.info.postmasterPid === postmasterPid)).toBe(true);
      const order = [...users].sort(() => Math.random() - 0.5);
      const hows = order.map(() => END_HOWS[Math.floor(Math.random() * END_HOWS.length)]!);
      const plan = order.map((u, i) => `${u.info.mode} ${u.pid} by ${hows[i]}`).join(', then ');
      console.log(`leaving: ${plan}`); // the random draw, to replay a failure

      for (const [i, leaving] of order.entries()) {
        const exit = await leaving.end(hows[i]!);
        expect(exit.code ?? exit.signal, plan).not.toBeUndefined();
        const rest = order.slice(i + 1);
        if (rest.length > 0) {
          expect(isAlive(postmasterPid), `${plan}: after ${i + 1} left`).toBe(true);
          expect(registeredUsers(home)).toEqual(rest.map((u) => u.pid).sort());
          expect(rest.map((u) => u.pid)).toContain(state()?.ownerPid); // the owner is always a live user
          for (const u of rest) expect(await u.ask('fresh')).toMatchObject({ ok: true, n: 42 });
        } else {
          // the last one's exit waited for the postmaster: nothing is left at that moment
          expectNoServer(clusterName, postmasterPid);
        }
      }
    },
  );

  test('all users SIGKILLed with their watchdogs: the last watchdog stops the server', async () => {
    const users = [await user(), await user(), await user()];
    const { postmasterPid, clusterName } = users[0]!.info;
    await Promise.all(users.map((u) => u.end('SIGKILL')));
    // (an exiting postmaster drops its command line, so pgrep misses it, a moment before it is gone)
    expect(await waitUntil(() => clusterProcesses(clusterName).length === 0 && !isAlive(postmasterPid), 5_000)).toBe(
      true,
    );
    // the first watchdog to look already saw the other users dead; theirs clean up a moment later
    expect(
      await waitUntil(() => registeredUsers(home).length === 0 && !fs.existsSync(`${home}/start.lock`), 5_000),
    ).toBe(true);
    expect(state()).toBeNull();
  });

  test('all users SIGKILLed without watchdogs: the next opener finds the orphan, recovers, leaves nothing', async () => {
    const users = [await user(['--no-watchdog']), await user(['--no-watchdog']), await user(['--no-watchdog'])];
    const { postmasterPid, clusterName } = users[0]!.info;
    await Promise.all(users.map((u) => u.end('SIGKILL')));
    expect(isAlive(postmasterPid)).toBe(true); // the orphan
    expect(registeredUsers(home)).toHaveLength(3); // all dead

    const next = await startEmbeddedPostgres({ home });
    expect(next.mode).toBe('started'); // not shared: nobody alive uses it
    expect(next.recovered).toContain('stopped-orphan');
    expect(isAlive(postmasterPid)).toBe(false);
    expect(registeredUsers(home)).toEqual([process.pid]); // the dead ones swept
    await next.stop();
    expect(next.stopOutcome()).toBe('stopped');
    expectNoServer(clusterName, next.postmasterPid);
  });
});
