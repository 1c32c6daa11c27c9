// A postmaster that dies under a running lab (the OOM killer, a stray kill -9) is started again
// on the same port, so every function's DATABASE_URL still works: one line says so. A stop by
// the lab itself (relinquish) is never restarted.
import type { ChildProcess } from 'node:child_process';
import { launch, type LaunchOptions } from './launch.ts';
import type { Ownership } from './ownership.ts';
import { sleep } from './processes.ts';

const ATTEMPTS = 5;

/** Default for the one line: the lab's own log (the `npm start` terminal, `.lab/run/lab.log`). */
export function logToStderr(line: string): void {
  process.stderr.write(`lab: ${line}\n`);
}

/** Watches the current postmaster; `current.pid` follows each restart. */
export function superviseFrom(
  ownership: Ownership,
  options: LaunchOptions & { port: number },
  current: { pid: number },
  log: (line: string) => void,
): void {
  const watch = (child: ChildProcess | null) => {
    child?.once('exit', (code, signal) => {
      if (ownership.relinquishing || ownership.postmaster !== child) return;
      ownership.postmaster = null;
      void restart(`${signal ?? `exit code ${code}`}`);
    });
  };
  const restart = async (how: string) => {
    const dead = current.pid;
    let lastError = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // Its backends notice the postmaster's death and leave; until then the shared memory is busy.
      await sleep(attempt === 1 ? 200 : 1_000);
      if (ownership.relinquishing) return;
      try {
        const launched = await launch(ownership, options);
        current.pid = launched.pid;
        log(`PostgreSQL (pid ${dead}) died (${how}): restarted on port ${options.port} (pid ${launched.pid})`);
        watch(ownership.postmaster);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    log(`PostgreSQL (pid ${dead}) died (${how}) and did not start again: ${lastError}; restart the lab`);
  };
  watch(ownership.postmaster);
}
