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

/** What fixtures/open-db.ts printed: the server it owns, or why it may not own one. */
export type OpenerInfo =
  | { url: string; postmasterPid: number; clusterName: string; pid: number; error?: undefined }
  | { error: string; hint: string };

export type OwnerInfo = Extract<OpenerInfo, { pid: number }>;

const fixture = path.join(import.meta.dirname, 'fixtures', 'open-db.ts');

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** Starts `fixtures/open-db.ts` in its own Node process; resolves with what it printed. */
export async function spawnOpener(
  home: string,
  then: 'hold' | 'natural' | 'process-exit' | 'throw',
  extra: string[] = [],
): Promise<{ child: ChildProcess; info: OpenerInfo; exited: Promise<Exit> }> {
  const child = spawn(process.execPath, [fixture, '--home', home, '--then', then, ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
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
  return { child, info: JSON.parse(first) as OpenerInfo, exited };
}

/** spawnOpener for a process that must become the owner. */
export async function spawnOwner(home: string, then: Parameters<typeof spawnOpener>[1]) {
  const opened = await spawnOpener(home, then);
  if (opened.info.error !== undefined) throw new Error(`the owner could not open ${home}: ${opened.info.error}`);
  return { ...opened, info: opened.info as OwnerInfo };
}
