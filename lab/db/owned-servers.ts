import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { postmasterPid, type PgPaths } from './cluster.ts';
import { removeStateIfOwned } from './lab-db-state.ts';
import { isAlive, waitForSync } from './processes.ts';

/**
 * The servers this process started, and the hooks that stop them whatever way the process ends:
 * - stop() or the event loop running dry ('beforeExit'): fast shutdown, awaited;
 * - SIGINT / SIGTERM / SIGHUP: fast shutdown at once; if nobody else listens for that signal,
 *   the signal is raised again when it is done, so the process ends as it would have; if someone
 *   else listens, they decide when to exit (and the 'exit' hook covers an early process.exit());
 * - process.exit(), an uncaught exception: the 'exit' hook signals the postmaster and blocks
 *   until it is gone (nothing async can run there);
 * - SIGKILL of this process: the watchdog (a tiny `sh` reading a pipe only we hold) sees the
 *   pipe close and stops the postmaster; the next lab process would clean up otherwise.
 */
export type OwnedServer = {
  paths: PgPaths;
  pid: number;
  port: number;
  child: ChildProcess;
  watchdog: ChildProcess | null;
  /** Handles handed out in this process; the server stops when the last one stops. */
  refs: number;
  stopping: Promise<void> | null;
  startMs: number;
  stopMs: number | null;
};

const owned = new Map<string, OwnedServer>();

/** The running server this process owns on `home`; one that died on its own is forgotten. */
export function ownedServer(home: string): OwnedServer | undefined {
  const server = owned.get(home);
  if (!server || server.stopping) return undefined;
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    void stopServer(server); // nothing to stop: just the bookkeeping
    return undefined;
  }
  return server;
}

export function trackServer(server: OwnedServer): void {
  owned.set(server.paths.home, server);
  installHooks();
}

/** Fast shutdown; resolves when the postmaster has exited (and been reaped). */
export function stopServer(server: OwnedServer): Promise<void> {
  server.stopping ??= (async () => {
    const started = performance.now();
    killWatchdog(server);
    removeStateIfOwned(server.paths.state, process.pid, server.pid);
    const { child } = server;
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
    server.stopMs = performance.now() - started;
    if (owned.get(server.paths.home) === server) owned.delete(server.paths.home);
    if (owned.size === 0) removeHooks();
  })();
  return server.stopping;
}

/** For the 'exit' event: signal, then block until the postmaster is gone. */
function stopServerSync(server: OwnedServer): void {
  killWatchdog(server);
  try {
    removeStateIfOwned(server.paths.state, process.pid, server.pid);
  } catch {
    // best effort while exiting
  }
  const gone = () => !isAlive(server.pid) || postmasterPid(server.paths) !== server.pid;
  if (gone()) return;
  signal(server.pid, 'SIGINT');
  if (!waitForSync(gone, 10_000)) {
    signal(server.pid, 'SIGQUIT');
    waitForSync(gone, 3_000);
  }
}

function killWatchdog(server: OwnedServer): void {
  const { watchdog } = server;
  if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
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

export async function stopAllServers(): Promise<void> {
  await Promise.all([...owned.values()].map((server) => stopServer(server)));
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>();
let installed = false;

function onExit(): void {
  for (const server of owned.values()) stopServerSync(server);
}

function onBeforeExit(): void {
  if (owned.size > 0) void stopAllServers();
}

function installHooks(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('beforeExit', onBeforeExit);
  for (const name of SIGNALS) {
    const handler = () => {
      // Stop now either way: awaited here, the postmaster is reaped (no zombie) even if another
      // handler calls process.exit() a moment later (then the 'exit' hook finishes the job).
      const stopping = stopAllServers();
      if (process.listenerCount(name) > 1) return; // another handler decides how this process ends
      void stopping.finally(() => {
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
