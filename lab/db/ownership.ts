import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { PgPaths } from './cluster.ts';
import { acquireOwnerLock } from './owner-lock.ts';
import { isAlive, waitForSync } from './processes.ts';

/**
 * A database home this process owns: its owner lock and, once launched, its postmaster. However
 * the process ends, the postmaster is stopped (and waited for) before the lock is released, so the
 * next owner never finds a half-stopped server:
 *
 * - relinquish() (the handle's stop()), or the event loop running dry ('beforeExit'): awaited;
 * - SIGINT / SIGTERM / SIGHUP: relinquish at once; with no other listener for that signal, the
 *   signal is raised again when done, so the process ends as it would have; with one, that
 *   listener decides when to exit (and the 'exit' hook covers an early process.exit());
 * - process.exit(), an uncaught exception: the 'exit' hook, synchronously;
 * - SIGKILL: nothing runs; the server and a stale lock stay, and the next owner stops the orphan.
 */
export type Ownership = {
  paths: PgPaths;
  /** Our child; null before launch and after it has stopped. */
  postmaster: ChildProcess | null;
  relinquishing: Promise<void> | null;
  /** How long stopping the postmaster took; null until then. */
  stopMs: number | null;
  releaseLock: () => void;
};

const owned = new Set<Ownership>();

/** Takes the owner lock of the home (or throws who has it) and covers every way this process can end. */
export async function own(paths: PgPaths): Promise<Ownership> {
  const releaseLock = await acquireOwnerLock(paths.lock, paths.home);
  const ownership: Ownership = { paths, postmaster: null, relinquishing: null, stopMs: null, releaseLock };
  owned.add(ownership);
  installHooks();
  return ownership;
}

/** Fast-stops the postmaster, waits until it is gone, releases the lock. Idempotent. */
export function relinquish(ownership: Ownership): Promise<void> {
  ownership.relinquishing ??= (async () => {
    try {
      await stopPostmaster(ownership);
    } finally {
      ownership.releaseLock();
      owned.delete(ownership);
      if (owned.size === 0) removeHooks();
    }
  })();
  return ownership.relinquishing;
}

/** Resolves when our postmaster has exited and been reaped (no zombie left behind). */
export async function stopPostmaster(ownership: Ownership): Promise<void> {
  const child = ownership.postmaster;
  if (!child) return;
  const started = performance.now();
  if (running(child)) {
    child.ref(); // keep the loop alive until the exit is seen, even if stop() is the last thing
    const exited = once(child, 'exit').then(() => true);
    child.kill('SIGINT'); // fast shutdown: abort transactions, close sessions, checkpoint
    if (!(await within(exited, 15_000))) {
      child.kill('SIGQUIT'); // immediate shutdown
      if (!(await within(exited, 5_000))) child.kill('SIGKILL');
      await exited;
    }
    child.unref();
  }
  ownership.postmaster = null;
  ownership.stopMs = performance.now() - started;
}

/**
 * For the 'exit' event, where nothing async runs. Waits for the process itself (a zombie counts
 * as gone), not its pid file: the postmaster removes that a moment before it exits.
 */
function relinquishSync(ownership: Ownership): void {
  const child = ownership.postmaster;
  try {
    const pid = child?.pid;
    if (child && pid !== undefined && running(child)) {
      const gone = () => !isAlive(pid);
      child.kill('SIGINT');
      if (!waitForSync(gone, 5_000)) {
        child.kill('SIGQUIT');
        waitForSync(gone, 2_000);
      }
    }
  } catch {
    // best effort while exiting; the next owner stops whatever is left
  } finally {
    ownership.releaseLock();
  }
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function within(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function relinquishAll(): Promise<void> {
  return Promise.all([...owned].map((ownership) => relinquish(ownership))).then(() => {});
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>();
let installed = false;

function onExit(): void {
  for (const ownership of owned) relinquishSync(ownership);
}

function onBeforeExit(): void {
  if (owned.size > 0) void relinquishAll();
}

function installHooks(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('beforeExit', onBeforeExit);
  for (const name of SIGNALS) {
    const handler = () => {
      // Relinquish now either way: awaited here, the postmaster is reaped (no zombie) even if
      // another handler calls process.exit() a moment later (then the 'exit' hook finishes the job).
      const relinquishing = relinquishAll();
      if (process.listenerCount(name) > 1) return; // another handler decides how this process ends
      void relinquishing.finally(() => {
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
