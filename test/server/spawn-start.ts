// `node bin/lab.mjs start` in its own process, as a learner runs `npm start`: the URL is read
// from what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freshLabRunDir } from '../support/lab-runs.ts';

const BIN = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));

export interface StartedLab {
  child: ChildProcess;
  /** Its LAB_RUN_DIR: `runLab(…, { runDir })` runs a shell command in this lab. */
  runDir: string;
  /** The URL `start` printed, token included. */
  url: string;
  port: number;
  token: string;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `groupSignals`: the lab runs in its own process group and `stop` signals the whole group, as
 * Ctrl-C in a terminal does (every container and PostgreSQL get the signal too).
 */
export function spawnStart(
  args: string[],
  env: Record<string, string | undefined> = {},
  { timeoutMs = 60_000, groupSignals = false }: { timeoutMs?: number; groupSignals?: boolean } = {},
): Promise<StartedLab> {
  const runDir = env.LAB_RUN_DIR ?? freshLabRunDir();
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env, LAB_RUN_DIR: runDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: groupSignals,
  });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.on('exit', (code, signal) => ok({ code, signal })),
  );
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`lab start printed no URL in ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    const onData = () => {
      const match = /ready in [\d.]+ s: open (http:\/\/127\.0\.0\.1:(\d+)\/\S*\?token=([\w-]+))/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      ok({
        child,
        runDir,
        url: match[1]!,
        port: Number(match[2]),
        token: match[3]!,
        stdout: () => out,
        stderr: () => err,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) {
            if (groupSignals) process.kill(-child.pid!, signal);
            else child.kill(signal);
          }
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      fail(new Error(`lab start exited (${code}) before it was ready:\n${out}\n${err}`));
    });
  });
}
