import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../lab/db/embedded-postgres.ts';
import { isAlive, sleep } from '../../lab/db/processes.ts';

/** Each test file gets its own database home, so files can run in parallel with each other and with a running lab. */
export function testHome(name: string, { fresh = false } = {}): string {
  const home = path.join(repoRoot, '.lab', `pg-test-${name}`);
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
  return out.split('\n').filter(Boolean).map(Number).filter((pid) => pid !== process.pid && isAlive(pid));
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

/** Starts `fixtures/open-db.ts` in its own Node process; resolves with what it printed. */
export async function spawnOpener(
  home: string,
  then: 'hold' | 'natural' | 'process-exit' | 'throw',
  extra: string[] = [],
): Promise<{ child: ChildProcess; info: OpenerInfo; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const child = spawn(process.execPath, [fixture, '--home', home, '--then', then, ...extra], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    exited.then(({ code }) => {
      throw new Error(`opener exited (${code}) before printing: ${stderr}`);
    }),
  ]);
  return { child, info: JSON.parse(first) as OpenerInfo, exited };
}
