// Starting a lab in the background for a client that found none: a detached `lab __service`
// process with the client's environment (its DATABASE_URL, its LAB_* folders), its output
// appended to .lab/run/lab.log. Two clients starting at once both spawn one; the second finds
// the first holding the lock and exits at once, and both clients connect to the first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileSize, readFrom } from '../file-tail.ts';
import type { ServicePaths } from './paths.ts';

export interface StartedLab {
  exited(): boolean;
  exitCode(): number | null;
  /** One line: why it did not start, from the end of its log. */
  failure(): string;
}

export function startBackgroundLab(paths: ServicePaths): StartedLab {
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const offset = fileSize(paths.log);
  const log = fs.openSync(paths.log, 'a', 0o600);
  let code: number | null = null;
  let exited = false;
  try {
    const child = spawn(process.execPath, [`${paths.checkout}/bin/lab.mjs`, '__service'], {
      detached: true, // its own session: the client's Ctrl-C is for the command, not the lab
      stdio: ['ignore', log, log],
      env: process.env,
    });
    child.on('exit', (c, signal) => {
      exited = true;
      code = c ?? (signal ? 128 : 1);
    });
    child.on('error', () => {
      exited = true;
      code = 1;
    });
    child.unref();
  } finally {
    fs.closeSync(log);
  }
  return {
    exited: () => exited,
    exitCode: () => code,
    failure: () => {
      const lines = readFrom(paths.log, offset).trim().split('\n').filter(Boolean);
      return `the lab did not start (exit code ${code}): ${lines.at(-1) ?? 'no output'} (see ${paths.log})`;
    },
  };
}
