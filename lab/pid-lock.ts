// A lock held by a live process: a file created exclusively (`wx`) holding its pid and the
// kernel's start time of that pid. A lock whose holder is dead, or whose pid now runs another
// program, is stale and is taken over (moved aside atomically first, so two takers never both
// win). A live holder is never waited for: the caller is told who it is. The lab holds one for
// the checkout (lab/service/) and one per database home (lab/db/).
import fs from 'node:fs';
import { isAlive, processStartTime, sleepSync } from './db/processes.ts';

export interface Holder {
  pid: number;
  /** The kernel's start time of `pid` when it took the lock: a reused pid does not pass for it. */
  startTime: string | null;
}

export type Claim = { ok: true; release: () => void } | { ok: false; holder: Holder };

/** Takes the lock, or names its live holder. The release is synchronous (exit hooks call it) and idempotent. */
export function claimPidLock(file: string, mode = 0o600): Claim {
  const mine = JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) } satisfies Holder);
  for (;;) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode });
      let held = true;
      return {
        ok: true,
        release: () => {
          if (held && readText(file) === mine) fs.rmSync(file, { force: true });
          held = false;
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readText(file);
    if (seen === null) continue; // released between our create and our read
    const holder = parseHolder(seen);
    if (holder && holderAlive(holder)) return { ok: false, holder };
    // Created but not yet written is a matter of microseconds; unreadable for 5 s is a crashed writer.
    if (holder || ageMs(file) > 5_000) removeStale(file, seen);
    else sleepSync(20);
  }
}

/** Who holds the lock now, alive or not; null when there is none. */
export function lockHolder(file: string): Holder | null {
  return parseHolder(readText(file) ?? '');
}

/** The live holder of the lock, if any. */
export function liveLockHolder(file: string): Holder | null {
  const holder = lockHolder(file);
  return holder && holderAlive(holder) ? holder : null;
}

function holderAlive(holder: Holder): boolean {
  if (!isAlive(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  return holder.startTime === null || now === null || now === holder.startTime;
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

function parseHolder(content: string): Holder | null {
  try {
    const value = JSON.parse(content) as Partial<Holder>;
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
