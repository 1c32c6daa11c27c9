import fs from 'node:fs';
import path from 'node:path';
import { LabDbError } from './errors.ts';
import { isAlive, processStartTime, sleep } from './processes.ts';

/** The holder of an owner lock. The kernel start time tells a reused pid from the original owner. */
export type Owner = { pid: number; startTime: string | null };

/**
 * The owner lock of one database home: a file created exclusively (`wx`) holding the owner's pid,
 * held for as long as the process uses the server, not just while it starts it. Only the holder
 * starts, stops or cleans up a postmaster on that data directory, so a postmaster its new holder
 * finds running there is an orphan of a dead owner.
 *
 * A lock whose holder is dead, or whose pid now runs another program, is stale and is taken over
 * (moved aside atomically first, so two takers never both win). A live holder is not waited for:
 * the caller is told who it is. Returns the release function: synchronous (the 'exit' hook calls
 * it) and idempotent.
 */
export async function acquireOwnerLock(file: string, home: string): Promise<() => void> {
  const mine = JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) } satisfies Owner);
  for (;;) {
    if (tryCreate(file, mine)) {
      let held = true;
      return () => {
        if (held && readText(file) === mine) fs.rmSync(file, { force: true });
        held = false;
      };
    }
    const seen = readText(file);
    if (seen === null) continue; // released between our create and our read
    const owner = parseOwner(seen);
    if (owner && ownerAlive(owner)) throw inUse(owner, home);
    // Created but not yet written is a matter of microseconds; unreadable for 5 s is a crashed writer.
    if (owner || ageMs(file) > 5_000) removeStale(file, seen);
    else await sleep(20);
  }
}

/** Who holds the lock now (alive or not), or null. */
export function readOwner(file: string): Owner | null {
  return parseOwner(readText(file) ?? '');
}

function tryCreate(file: string, content: string): boolean {
  try {
    fs.writeFileSync(file, content, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new LabDbError(
      `cannot create the owner lock ${file}: ${(error as Error).message}`,
      'make the .lab folder writable for this user, or delete it and try again',
      { cause: error },
    );
  }
}

function ownerAlive(owner: Owner): boolean {
  if (!isAlive(owner.pid)) return false;
  const now = processStartTime(owner.pid);
  return owner.startTime === null || now === null || now === owner.startTime;
}

function inUse(owner: Owner, home: string): LabDbError {
  const where = path.relative(process.cwd(), home);
  const shown = where && !where.startsWith('..') ? where : home;
  if (owner.pid === process.pid) {
    return new LabDbError(
      `the lab database in ${shown} is already open in this process`,
      'use the handle already open (one lab per process), or give this one its own home',
    );
  }
  return new LabDbError(
    `the lab database in ${shown} is in use by lab process ${owner.pid}`,
    'run your command through that lab (npx lab …), stop it (npx lab stop), or set DATABASE_URL',
  );
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

function parseOwner(content: string): Owner | null {
  try {
    const value = JSON.parse(content) as Partial<Owner>;
    return typeof value.pid === 'number' ? { pid: value.pid, startTime: value.startTime ?? null } : null;
  } catch {
    return null;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
