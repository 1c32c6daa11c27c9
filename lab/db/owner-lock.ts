import path from 'node:path';
import { claimPidLock, lockHolder, type Holder } from '../pid-lock.ts';
import { LabDbError } from './errors.ts';

/** The holder of an owner lock. */
export type Owner = Holder;

/**
 * The owner lock of one database home (lab/pid-lock.ts), held for as long as the process uses
 * the server, not just while it starts it. Only the holder starts, stops or cleans up a
 * postmaster on that data directory, so a postmaster its new holder finds running there is an
 * orphan of a dead owner. A live holder is not waited for: the error names it. Returns the
 * release function: synchronous (the 'exit' hook calls it) and idempotent.
 */
export async function acquireOwnerLock(file: string, home: string): Promise<() => void> {
  let claim: ReturnType<typeof claimPidLock>;
  try {
    claim = claimPidLock(file, 0o644);
  } catch (error) {
    throw new LabDbError(
      `cannot create the owner lock ${file}: ${(error as Error).message}`,
      'make the .lab folder writable for this user, or delete it and try again',
      { cause: error },
    );
  }
  if (!claim.ok) throw inUse(claim.holder, home);
  return claim.release;
}

/** Who holds the lock now (alive or not), or null. */
export function readOwner(file: string): Owner | null {
  return lockHolder(file);
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
