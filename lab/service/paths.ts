// Where the one lab of a checkout lives: its folder (owner-only), the socket its clients talk
// to, the lock that makes it the only one, its state file and its log. Kept free of heavy
// imports: every `npx lab …` loads this before anything else, and the client must start fast.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo-root.ts';

export interface ServicePaths {
  /** The checkout this lab serves. */
  checkout: string;
  /** `.lab/run` (LAB_RUN_DIR moves it: tests give each lab its own). Mode 0700. */
  dir: string;
  /** The Unix socket clients connect to. */
  socket: string;
  /** Held by the live lab for its whole life (lab/pid-lock.ts): exactly one lab per checkout. */
  lock: string;
  /** What the live lab tells its clients (pid, the workbook's URL with its token): mode 0600. */
  state: string;
  /** A background lab's own output. */
  log: string;
}

/** Unix socket paths are limited to 108 bytes (sun_path); leave room for the terminator. */
const MAX_SOCKET_PATH = 100;

/** `checkout`: the prebuilt fast client passes its own (its bundle does not sit in the checkout's tree). */
export function servicePaths(env: NodeJS.ProcessEnv = process.env, checkout: string = REPO_ROOT): ServicePaths {
  const dir = env.LAB_RUN_DIR ?? join(checkout, '.lab', 'run');
  let socket = join(dir, 'lab.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    // A deep checkout: the socket moves to a short, per-checkout, owner-only folder in /tmp.
    const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
    socket = join(tmpdir(), `boundary-lab-${id}`, 'lab.sock');
  }
  return {
    checkout,
    dir,
    socket,
    lock: join(dir, 'lab.lock'),
    state: join(dir, 'lab.json'),
    log: join(dir, 'lab.log'),
  };
}

/**
 * The settings a lab is started with, as a client sees them. A client whose settings differ
 * from the running lab's (another DATABASE_URL, another LAB_* folder) must not silently use it.
 */
export function settingsFingerprint(env: NodeJS.ProcessEnv = process.env): string {
  const relevant = Object.keys(env)
    .filter((key) => key === 'DATABASE_URL' || (key.startsWith('LAB_') && !IGNORED.has(key)))
    .sort()
    .map((key) => `${key}=${env[key] ?? ''}`);
  return createHash('sha256').update(relevant.join('\n')).digest('hex').slice(0, 16);
}

/** Variables that only steer the client or this one command, not the lab. */
const IGNORED = new Set(['LAB_RUN_DIR', 'LAB_DEBUG', 'LAB_IDLE_STOP_MS']);
