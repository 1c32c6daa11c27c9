// What the lab's execution environments hold, as the kernel counts it: every process under the
// lab whose command line is the container script, and its resident set from /proc (VmRSS).
import { readdirSync, readFileSync } from 'node:fs';

const CONTAINER_SCRIPT = '/lab/runtime/container-main.mjs';

export interface ContainerProcess {
  pid: number;
  rssKiB: number;
}

/** The container processes whose parent is `labPid`, with their resident memory now. */
export function containerProcesses(labPid: number): ContainerProcess[] {
  const found: ContainerProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmdline.includes(CONTAINER_SCRIPT)) continue;
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== labPid) continue;
      found.push({ pid: Number(name), rssKiB: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) });
    } catch {
      // gone between the listing and the read
    }
  }
  return found;
}

export const mib = (kib: number): number => Math.round(kib / 1024);
