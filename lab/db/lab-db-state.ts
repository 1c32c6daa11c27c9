import fs from 'node:fs';
import { userIsAlive, type UserRecord } from './users.ts';

/**
 * `.lab/pg/lab-db.json`: the running lab server and which process owns it, so a second lab
 * process (the learner's `lab invoke` while `npm start` runs, parallel test files) connects to it
 * instead of starting another. Every process using it is registered in `users/` (users.ts); the
 * owner is one of them: when it leaves first, ownership passes to a live user (`handOver`), and
 * the last user out stops the server.
 */
export type LabDbState = {
  ownerPid: number;
  /** Kernel start time of the owner, so a reused pid does not pass for the owner. */
  ownerStartTime: string | null;
  postmasterPid: number;
  port: number;
  url: string;
  maxConnections: number;
  clusterName: string;
  startedAt: string;
};

export function readState(file: string): LabDbState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as LabDbState;
    return typeof state.ownerPid === 'number' && typeof state.postmasterPid === 'number' ? state : null;
  } catch {
    return null;
  }
}

export function writeState(file: string, state: LabDbState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** Removes the file only if it still describes this server (not a newer one). */
export function removeStateFor(file: string, postmasterPid: number): void {
  const state = readState(file);
  if (state && state.postmasterPid === postmasterPid) fs.rmSync(file, { force: true });
}

/**
 * If the recorded owner of this server is not one of its live users (it left, or died), the
 * oldest live user becomes the owner. Call under the start lock. Returns the state as it is now.
 */
export function handOver(file: string, postmasterPid: number, live: UserRecord[]): LabDbState | null {
  const state = readState(file);
  if (!state || state.postmasterPid !== postmasterPid) return state;
  const ownerStillUses = live.some(
    (u) => u.pid === state.ownerPid && userIsAlive({ pid: u.pid, startTime: state.ownerStartTime }),
  );
  const heir = live[0];
  if (ownerStillUses || !heir) return state;
  const next = { ...state, ownerPid: heir.pid, ownerStartTime: heir.startTime };
  writeState(file, next);
  return next;
}
