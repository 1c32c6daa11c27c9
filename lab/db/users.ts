import fs from 'node:fs';
import path from 'node:path';
import type { PgPaths } from './cluster.ts';
import { isAlive, processStartTime } from './processes.ts';

/**
 * `.lab/pg/users/<pid>.json`: one file per lab process using the running server (the one that
 * started it and every one sharing it). The server stops when the last LIVE user leaves: a user
 * that died without leaving (SIGKILL) is recognised by its pid no longer running the process
 * that registered (pid + kernel start time), and its file is swept.
 *
 * The files are one line of compact JSON so the watchdog (`sh`, see watchdog.ts) can read them
 * with `sed`: keep the key order and the compact form.
 */
export type UserRecord = {
  pid: number;
  /** Kernel start time of the process, so a reused pid does not pass for this user. */
  startTime: string | null;
  /** The server this process uses: a user of an earlier server does not count for a new one. */
  postmasterPid: number;
  registeredAt: string;
};

export function userFile(paths: PgPaths, pid: number): string {
  return path.join(paths.users, `${pid}.json`);
}

/** Records this process as a user of `postmasterPid`. Call under the start lock. */
export function register(paths: PgPaths, postmasterPid: number): UserRecord {
  const record: UserRecord = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    postmasterPid,
    registeredAt: new Date().toISOString(),
  };
  fs.mkdirSync(paths.users, { recursive: true });
  const file = userFile(paths, process.pid);
  const temporary = `${file}.tmp`; // not *.json: never read half-written
  fs.writeFileSync(temporary, `${JSON.stringify(record)}\n`);
  fs.renameSync(temporary, file);
  return record;
}

export function unregister(paths: PgPaths, pid = process.pid): void {
  fs.rmSync(userFile(paths, pid), { force: true });
}

export function readUsers(paths: PgPaths): UserRecord[] {
  let names: string[];
  try {
    names = fs.readdirSync(paths.users);
  } catch {
    return [];
  }
  const records: UserRecord[] = [];
  for (const name of names) {
    if (!/^\d+\.json$/.test(name)) continue;
    try {
      const record = JSON.parse(fs.readFileSync(path.join(paths.users, name), 'utf8')) as UserRecord;
      if (typeof record.pid === 'number' && typeof record.postmasterPid === 'number') records.push(record);
    } catch {
      // removed while we read it, or not ours: not a user
    }
  }
  return records;
}

export function userIsAlive(record: Pick<UserRecord, 'pid' | 'startTime'>): boolean {
  if (!isAlive(record.pid)) return false;
  const now = processStartTime(record.pid);
  return record.startTime === null || now === null || now === record.startTime;
}

/**
 * The live users of `postmasterPid` other than this process, oldest first. Under the start lock,
 * `sweep` removes the files of dead users (any server's).
 */
export function liveUsers(paths: PgPaths, postmasterPid: number, { sweep = false } = {}): UserRecord[] {
  const live: UserRecord[] = [];
  for (const record of readUsers(paths)) {
    if (record.pid === process.pid) continue;
    if (!userIsAlive(record)) {
      if (sweep) unregister(paths, record.pid);
      continue;
    }
    if (record.postmasterPid === postmasterPid) live.push(record);
  }
  return live.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.pid - b.pid);
}

/** Before a new server starts (no live user): nobody's registration carries over to it. */
export function clearUsers(paths: PgPaths): void {
  for (const record of readUsers(paths)) unregister(paths, record.pid);
}
