import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { postmasterPid, type PgPaths } from './cluster.ts';
import { handOver, removeStateFor } from './lab-db-state.ts';
import { isAlive, waitFor, waitForSync } from './processes.ts';
import { acquireStartLock, acquireStartLockSync, holdsStartLock } from './start-lock.ts';
import { liveUsers, register, unregister } from './users.ts';
import { killWatchdog } from './watchdog.ts';

/**
 * The servers this process uses (started, or shared with other lab processes), and leaving them
 * whatever way the process ends. "Last one out stops it":
 *
 * - every user is registered in `users/<pid>.json` (users.ts); leaving takes the start lock,
 *   unregisters, and looks for other LIVE users of the server: if there are some, the server
 *   keeps running and, if this process was the recorded owner, ownership passes to the oldest
 *   of them (lab-db.json); if not, this process fast-stops the server and waits for it to exit,
 *   whoever started it;
 * - stop() of the last handle, or the event loop running dry ('beforeExit'): leave, awaited;
 * - SIGINT / SIGTERM / SIGHUP: leave at once; if nobody else listens for that signal, the signal
 *   is raised again when it is done, so the process ends as it would have; if someone else
 *   listens, they decide when to exit (and the 'exit' hook covers an early process.exit());
 * - process.exit(), an uncaught exception: the 'exit' hook leaves synchronously (sync lock,
 *   signal, block until the postmaster is gone);
 * - SIGKILL of this process: its watchdog (watchdog.ts) leaves in its place.
 */
export type UsedServer = {
  paths: PgPaths;
  /** The postmaster. */
  pid: number;
  port: number;
  /** Set in the process that started the server (its parent until that process exits). */
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
  /** Handles handed out in this process; the process leaves when the last one stops. */
  refs: number;
  /** Being launched by this process, under its start lock (a Ctrl-C now must not wait for that lock). */
  starting: boolean;
  leaving: Promise<void> | null;
  /** How this process left: it stopped the server, or left it to other live users. */
  outcome: 'stopped' | 'left-running' | null;
  startMs: number;
  stopMs: number | null;
};

const used = new Map<string, UsedServer>();

/**
 * The running server this process uses on `home`. One that died on its own is forgotten (call
 * under the start lock).
 */
export function usedServer(home: string): UsedServer | undefined {
  const server = used.get(home);
  if (!server || server.leaving) return undefined;
  if (!postmasterRunning(server)) {
    forget(server);
    return undefined;
  }
  return server;
}

/** Registers this process as a user of the server (under the start lock) and installs the exit hooks. */
export function useServer(server: UsedServer): void {
  register(server.paths, server.pid);
  used.set(server.paths.home, server);
  installHooks();
}

/** Leaves the server: hands it over to live users, or (the last one out) fast-stops it and waits. */
export function leaveServer(server: UsedServer): Promise<void> {
  server.leaving ??= (async () => {
    // Leaving while we launch it (a Ctrl-C during start-up): the lock is already ours.
    const release = server.starting
      ? () => {}
      : await acquireStartLock(server.paths.lock, 15_000).catch(() => () => {}); // stuck holder: leave anyway
    try {
      unregister(server.paths);
      const others = liveUsers(server.paths, server.pid, { sweep: true });
      if (others.length > 0 && postmasterRunning(server)) {
        handOver(server.paths.state, server.pid, others);
        server.outcome = 'left-running';
      } else {
        await stopPostmaster(server);
        removeStateFor(server.paths.state, server.pid);
        server.outcome = 'stopped';
      }
    } finally {
      release();
      killWatchdog(server.watchdog);
      forget(server);
    }
  })();
  return server.leaving;
}

/** For the 'exit' event: the same, synchronously. */
function leaveServerSync(server: UsedServer): void {
  // Nothing async runs any more: a lock this process holds will not be released; take it over.
  const release =
    server.starting || holdsStartLock(server.paths.lock) ? () => {} : acquireStartLockSync(server.paths.lock, 10_000);
  try {
    unregister(server.paths);
    const others = liveUsers(server.paths, server.pid, { sweep: true });
    if (others.length > 0 && postmasterRunning(server)) {
      handOver(server.paths.state, server.pid, others);
    } else {
      removeStateFor(server.paths.state, server.pid);
      // Wait for the process itself: the postmaster removes its pid file a moment before it
      // exits, so the file alone would report "stopped" while the server is still there.
      const gone = () => !isAlive(server.pid);
      if (postmasterRunning(server)) {
        signal(server.pid, 'SIGINT');
        if (!waitForSync(gone, 10_000)) {
          signal(server.pid, 'SIGQUIT');
          waitForSync(gone, 3_000);
        }
      }
    }
  } catch {
    // best effort while exiting
  } finally {
    release?.();
    killWatchdog(server.watchdog);
  }
}

function postmasterRunning(server: UsedServer): boolean {
  const { child } = server;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return false;
  return isAlive(server.pid) && postmasterPid(server.paths) === server.pid;
}

/** Fast shutdown; resolves when the postmaster has exited (and, if it is our child, been reaped). */
async function stopPostmaster(server: UsedServer): Promise<void> {
  const started = performance.now();
  const { child } = server;
  if (child) {
    if (child.exitCode === null && child.signalCode === null) {
      child.ref(); // keep the loop alive until the exit is seen, even if stop() is the last thing
      const exited = once(child, 'exit').then(() => true);
      child.kill('SIGINT'); // fast shutdown
      if (!(await within(exited, 15_000))) {
        child.kill('SIGQUIT');
        if (!(await within(exited, 5_000))) child.kill('SIGKILL');
        await exited;
      }
      child.unref();
    }
  } else if (postmasterRunning(server)) {
    // Started by another lab process (gone now, or it would be a live user): not our child.
    const gone = () => !isAlive(server.pid);
    signal(server.pid, 'SIGINT');
    if (!(await waitFor(gone, 15_000))) {
      signal(server.pid, 'SIGQUIT');
      if (!(await waitFor(gone, 5_000))) signal(server.pid, 'SIGKILL');
      await waitFor(gone, 5_000);
    }
  }
  server.stopMs = performance.now() - started;
}

/** Bookkeeping only: this process no longer uses the server. */
function forget(server: UsedServer): void {
  if (used.get(server.paths.home) !== server) return;
  if (!server.leaving) {
    unregister(server.paths);
    killWatchdog(server.watchdog);
  }
  used.delete(server.paths.home);
  if (used.size === 0) removeHooks();
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function within(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function leaveAllServers(): Promise<void> {
  await Promise.all([...used.values()].map((server) => leaveServer(server)));
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>();
let installed = false;

function onExit(): void {
  for (const server of used.values()) leaveServerSync(server);
}

function onBeforeExit(): void {
  if (used.size > 0) void leaveAllServers();
}

function installHooks(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('beforeExit', onBeforeExit);
  for (const name of SIGNALS) {
    const handler = () => {
      // Leave now either way: awaited here, a postmaster we stop is reaped (no zombie) even if
      // another handler calls process.exit() a moment later (then the 'exit' hook finishes the job).
      const leaving = leaveAllServers();
      if (process.listenerCount(name) > 1) return; // another handler decides how this process ends
      void leaving.finally(() => {
        removeHooks();
        process.kill(process.pid, name); // end the way the signal would have ended us
      });
    };
    signalHandlers.set(name, handler);
    process.on(name, handler);
  }
}

function removeHooks(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  process.off('beforeExit', onBeforeExit);
  for (const [name, handler] of signalHandlers) process.off(name, handler);
  signalHandlers.clear();
}
