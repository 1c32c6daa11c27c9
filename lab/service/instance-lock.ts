// Exactly one lab per checkout: the lab holds `.lab/run/lab.lock` (created exclusively, holding
// its pid and the kernel's start time of that pid) for as long as it runs. A lock whose holder
// is gone, or whose pid now belongs to another program, is stale and is taken over: that is how
// a SIGKILLed lab is recovered without a word from the learner.
import fs from 'node:fs';
import { isAlive, processStartTime } from '../db/processes.ts';

export interface Holder {
  pid: number;
  startTime: string | null;
}

export type Claim = { ok: true; release: () => void } | { ok: false; holder: Holder };

export function claimInstance(file: string): Claim {
  const mine: Holder = { pid: process.pid, startTime: processStartTime(process.pid) };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      return { ok: true, release: () => releaseIfMine(file, text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readText(file);
    const holder = seen === null ? null : parseHolder(seen);
    if (holder && isLive(holder)) return { ok: false, holder };
    // Written but not yet readable is a matter of microseconds: only garbage that has aged is stale.
    if (!holder && seen !== null && ageMs(file) < 2_000) continue;
    if (seen !== null) removeIf(file, seen);
  }
  throw new Error(`cannot take ${file}: it keeps changing; delete it if no lab is running`);
}

/** The live holder of the lock, if any (a client asks this before connecting). */
export function liveHolder(file: string): Holder | null {
  const seen = readText(file);
  const holder = seen === null ? null : parseHolder(seen);
  return holder && isLive(holder) ? holder : null;
}

function isLive(holder: Holder): boolean {
  if (!isAlive(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  return holder.startTime === null || now === null || now === holder.startTime;
}

/** Rename first (atomic), then make sure it was the stale lock we moved and not a new one. */
function removeIf(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  if (readText(aside) !== staleText) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third lab already holds a new lock: it wins.
    }
  }
  fs.rmSync(aside, { force: true });
}

function releaseIfMine(file: string, text: string): void {
  if (readText(file) === text) fs.rmSync(file, { force: true });
}

function parseHolder(text: string): Holder | null {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
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

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}
