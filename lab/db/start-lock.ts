import fs from 'node:fs';
import { LabDbError } from './errors.ts';
import { isAlive, processStartTime, sleep, sleepSync } from './processes.ts';

type Holder = { pid: number; startTime: string | null };

/**
 * A lock file created exclusively (`wx`) holding the owner's pid, so two lab processes never
 * start two servers on one data directory at once. (PostgreSQL's own postmaster.pid would refuse
 * the second server anyway; this lock makes the second process wait and then share instead.)
 * A lock whose holder died is stale: it is moved aside atomically and removed.
 * Returns the release function. The same lock serialises leaving: a process that leaves (and
 * perhaps stops the server) never races one that is about to share it. The watchdog (`sh`)
 * takes it too, writing `{"pid":N,"startTime":null}`.
 */
export async function acquireStartLock(file: string, timeoutMs = 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = tryAcquire(file);
    if (release) return release;
    if (Date.now() > deadline) throw lockTimeout(file, timeoutMs);
    await sleep(50);
  }
}

/** For the process 'exit' hook, where nothing async runs: null when not acquired in time. */
export function acquireStartLockSync(file: string, timeoutMs: number): (() => void) | null {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = tryAcquire(file);
    if (release) return release;
    if (Date.now() > deadline) return null;
    sleepSync(20);
  }
}

const heldHere = new Set<string>();

/** True while this process holds the lock (its own start-up is under way). */
export function holdsStartLock(file: string): boolean {
  return heldHere.has(file);
}

/** One attempt: the release function, or null while a live holder has it. */
function tryAcquire(file: string): (() => void) | null {
  const mine = JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) } satisfies Holder);
  for (;;) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        releaseIfMine(file, mine);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LabDbError(
          `cannot create the start lock ${file}: ${(error as Error).message}`,
          'make the .lab folder writable for this user, or delete it and try again',
          { cause: error },
        );
      }
    }
    const seen = readText(file);
    if (seen === null || !isStale(file, seen)) return null;
    removeStale(file, seen);
  }
}

function lockTimeout(file: string, timeoutMs: number): LabDbError {
  const holder = parseHolder(readText(file) ?? '');
  return new LabDbError(
    `another lab process (pid ${holder?.pid ?? '?'}) has been starting the database for ${Math.round(timeoutMs / 1000)} s`,
    `if that process is stuck, stop it (kill ${holder?.pid ?? '<pid>'}) or delete ${file}`,
  );
}

function isStale(file: string, content: string): boolean {
  const holder = parseHolder(content);
  if (!holder) {
    // Written but not yet readable is a matter of microseconds; garbage older than 5 s is stale.
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (!isAlive(holder.pid)) return true;
  const startTime = processStartTime(holder.pid);
  return holder.startTime !== null && startTime !== null && startTime !== holder.startTime;
}

/** Rename first (atomic), then check we took the stale lock and not a fresh one. */
function removeStale(file: string, staleContent: string): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // someone else removed it first
  }
  if (readText(aside) !== staleContent) {
    // A new holder created it between our read and our rename: put it back if nobody else did.
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process already holds a new lock; the newest one wins
    }
  }
  fs.rmSync(aside, { force: true });
}

function releaseIfMine(file: string, mine: string): void {
  if (readText(file) === mine) fs.rmSync(file, { force: true });
}

function parseHolder(content: string): Holder | null {
  try {
    const value = JSON.parse(content) as Partial<Holder>;
    return typeof value.pid === 'number' ? { pid: value.pid, startTime: value.startTime ?? null } : null;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
