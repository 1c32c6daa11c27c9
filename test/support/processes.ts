// What is left running after a lab stops: the tests count processes as a learner's `ps` would.
import { execFileSync } from 'node:child_process';
import { isAlive, waitFor } from '../../lab/db/processes.ts';

/** Alive, and not a zombie (exited, only its status left for the parent to collect). */
export const alive = isAlive;

/** The live processes whose command line matches `pattern`. */
export function pgrep(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter(alive);
  } catch {
    return [];
  }
}

/** Polls `check` until it holds; false if it did not within the time. */
export function until(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  return waitFor(check, timeoutMs, 25);
}
