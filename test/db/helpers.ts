import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { isAlive, sleep } from '../../lab/db/processes.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

/** Each test file gets its own database home, so files can run in parallel with each other and with a running lab. */
export function testHome(name: string, { fresh = false } = {}): string {
  const home = path.join(REPO_ROOT, '.lab', `pg-test-${name}`);
  if (fresh) fs.rmSync(home, { recursive: true, force: true });
  return home;
}

/** Live (non-zombie) processes whose command line or title names this cluster: postmaster and children. */
export function clusterProcesses(clusterName: string): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-f', clusterName], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid && isAlive(pid));
}

export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

export type OpenerInfo = {
  mode: 'started' | 'shared';
  url: string;
  port: number;
  postmasterPid: number;
  ownerPid: number;
  clusterName: string;
  pid: number;
};

const fixture = path.join(import.meta.dirname, 'fixtures', 'open-db.ts');

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** Starts `fixtures/open-db.ts` in its own Node process; resolves with what it printed. */
export async function spawnOpener(
  home: string,
  then: 'hold' | 'natural' | 'process-exit' | 'throw' | 'serve',
  extra: string[] = [],
): Promise<{ child: ChildProcess; info: OpenerInfo; exited: Promise<Exit>; lines: AsyncIterator<string> }> {
  const child = spawn(process.execPath, [fixture, '--home', home, '--then', then, ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: [then === 'serve' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await Promise.race([
    lines.next().then(({ value }) => value as string),
    exited.then(({ code }) => {
      throw new Error(`opener exited (${code}) before printing: ${stderr}`);
    }),
  ]);
  return { child, info: JSON.parse(first) as OpenerInfo, exited, lines };
}

export type Answer = {
  ok: boolean;
  n?: number;
  pid?: number;
  outcome?: string;
  stopMs?: number | null;
  error?: string;
};

/**
 * A lab process using the database on `home` (fixtures/open-db.ts --then serve), driven by
 * commands: `ask('query')` on its held connection, `ask('fresh')` on a new one, `ask('stop')`;
 * `end(how)` ends it one way or another and resolves with its exit.
 */
export async function spawnUser(home: string, extra: string[] = []) {
  const opened = await spawnOpener(home, 'serve', extra);
  const { child, exited, lines } = opened;
  const ask = async (command: 'query' | 'fresh' | 'stop'): Promise<Answer> => {
    child.stdin!.write(`${command}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error(`user ${child.pid} ended before answering ${command}`);
    return JSON.parse(value as string) as Answer;
  };
  const end = async (how: EndHow): Promise<Exit> => {
    if (how === 'SIGINT' || how === 'SIGTERM' || how === 'SIGKILL') child.kill(how);
    else if (how === 'stop') {
      const answer = await ask('stop');
      if (!answer.ok) throw new Error(`stop failed: ${answer.error}`);
      child.stdin!.end();
    } else if (how === 'natural') child.stdin!.end();
    else child.stdin!.write(`${how}\n`);
    return exited;
  };
  return { ...opened, pid: opened.info.pid, ask, end };
}

/** Every way a user process can end: stop() then run dry, run dry, process.exit(), uncaught exception, signals. */
export const END_HOWS = ['stop', 'natural', 'exit', 'throw', 'SIGINT', 'SIGTERM'] as const;
export type EndHow = (typeof END_HOWS)[number] | 'SIGKILL';

/** The users registered on `home` (users/<pid>.json), by pid. */
export function registeredUsers(home: string): number[] {
  try {
    return fs
      .readdirSync(path.join(home, 'users'))
      .filter((f) => /^\d+\.json$/.test(f))
      .map((f) => Number.parseInt(f, 10))
      .sort();
  } catch {
    return [];
  }
}
