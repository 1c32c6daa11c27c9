import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { labRunDir } from '../support/lab-runs.ts';

const BIN = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));

export interface LabRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `lab <args>` as a learner would from the shell, in its own process: a client of the lab
 * for these settings (started by the first call, warm for the next), or of `runDir`'s lab.
 */
export function runLab(
  args: string[],
  options: { env?: Record<string, string>; runDir?: string } = {},
): Promise<LabRun> {
  const runDir = options.runDir ?? labRunDir(options.env);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', LAB_IDLE_STOP_MS: '300000', ...options.env, LAB_RUN_DIR: runDir },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
