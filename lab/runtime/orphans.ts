import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../db/processes.ts';
import { REPO_ROOT } from '../repo-root.ts';

/**
 * Container processes spend most of their life frozen (SIGSTOP). A frozen process cannot notice
 * that its host died, so a host killed with SIGKILL would leave them stopped forever. Each host
 * therefore registers its containers in .lab/run/containers/ (under LAB_RUN_DIR when set), kills them all when it exits, and
 * on start-up sweeps the ones whose host is gone.
 */
// Beside the lab's own run folder (LAB_RUN_DIR): a lab sweeps what a dead lab of the same folder
// left, never the live containers of another lab's tests running next to it.
const REGISTRY = join(process.env.LAB_RUN_DIR ?? join(REPO_ROOT, '.lab', 'run'), 'containers');
const live = new Map<number, () => void>();
let installed = false;

export function registerContainer(pid: number, kill: () => void): void {
  install();
  live.set(pid, kill);
  try {
    writeFileSync(join(REGISTRY, `${pid}.json`), JSON.stringify({ pid, hostPid: process.pid }));
  } catch {
    // The registry is a safety net; a container runs without it.
  }
}

export function unregisterContainer(pid: number): void {
  live.delete(pid);
  rmSync(join(REGISTRY, `${pid}.json`), { force: true });
}

function install(): void {
  if (installed) return;
  installed = true;
  mkdirSync(REGISTRY, { recursive: true });
  sweepOrphans();
  process.on('exit', () => {
    for (const [pid, kill] of live) {
      kill();
      rmSync(join(REGISTRY, `${pid}.json`), { force: true });
    }
  });
}

/** Kills containers whose host process is gone. Returns how many it killed. */
export function sweepOrphans(): number {
  let killed = 0;
  for (const file of safeList(REGISTRY)) {
    try {
      const { pid, hostPid } = JSON.parse(readFileSync(join(REGISTRY, file), 'utf8')) as {
        pid: number;
        hostPid: number;
      };
      if (isAlive(hostPid)) continue;
      if (isAlive(pid) && isContainer(pid)) {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      }
      rmSync(join(REGISTRY, file), { force: true });
    } catch {
      rmSync(join(REGISTRY, file), { force: true });
    }
  }
  return killed;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

/** A pid may have been reused by an unrelated process: only kill what runs our container script. */
function isContainer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('container-main');
  } catch {
    return false;
  }
}
