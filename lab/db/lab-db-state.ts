import fs from 'node:fs';
import { isAlive, processStartTime } from './processes.ts';

/**
 * `.lab/pg/lab-db.json`: which process owns the running lab server, so a second lab process
 * (the learner's `lab invoke` while `npm start` runs, parallel test files) connects to it
 * instead of starting another, and never stops it.
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

/** Removes the file only if it still describes this owner's server. */
export function removeStateIfOwned(file: string, ownerPid: number, postmasterPid: number): void {
  const state = readState(file);
  if (state && state.ownerPid === ownerPid && state.postmasterPid === postmasterPid) fs.rmSync(file, { force: true });
}

export function ownerIsAlive(state: LabDbState): boolean {
  if (!isAlive(state.ownerPid)) return false;
  const now = processStartTime(state.ownerPid);
  return state.ownerStartTime === null || now === null || now === state.ownerStartTime;
}
