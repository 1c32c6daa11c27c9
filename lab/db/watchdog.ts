import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import type { PgPaths } from './cluster.ts';

/**
 * Each lab process using the server (the one that started it and every sharer) has a watchdog:
 * a tiny `sh` blocked reading a pipe only that process holds. A clean leave (stop(), exit hooks,
 * signals) kills it first. If the process dies without leaving (SIGKILL, OOM killer), the pipe
 * closes, `read` returns, and the watchdog leaves in its place, as the process would have:
 *
 *   take the start lock (the same `wx` file as start-lock.ts; a dead holder's lock is stale),
 *   remove `users/<pid>.json`, and if no other LIVE user of this postmaster remains (pid alive,
 *   not a zombie, same kernel start time), fast-stop the postmaster (if postmaster.pid still
 *   names it), wait for it to go, remove lab-db.json; release the lock.
 *
 * So one SIGKILLed user never takes the database from the others, and the last one's death
 * still stops it within a moment. Without /bin/sh the next opener sweeps dead users and stops an
 * orphan instead (clearLeftoverServer).
 */
const SCRIPT = fs.readFileSync(new URL('./watchdog.sh', import.meta.url), 'utf8');

export function startWatchdog(paths: PgPaths, postmasterPid: number): ChildProcess | null {
  try {
    const args = [paths.users, String(process.pid), paths.lock, paths.pidFile, String(postmasterPid), paths.state];
    const watchdog = spawn('/bin/sh', ['-c', SCRIPT, 'lab-db-watchdog', ...args], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.on('error', () => {});
    watchdog.stdin?.on('error', () => {});
    watchdog.unref();
    (watchdog.stdin as unknown as net.Socket | null)?.unref();
    return watchdog;
  } catch {
    return null; // no /bin/sh: the exit hooks and the next opener still clean up
  }
}

export function killWatchdog(watchdog: ChildProcess | null): void {
  if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
}
