/**
 * What a shell command costs over the same command run inside the lab: `npx lab invoke health`
 * (a new Node process, a client of the running lab over its socket) against `invoke health`
 * run by a LabContext in this process, both warm, median of RUNS each.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LabIO } from '../lab/cli/io.ts';
import { LabContext } from '../lab/cli/lab-context.ts';
import { runCommand } from '../lab/cli/program.ts';
import { median } from '../lab/stats.ts';
import { formatMs } from '../lab/milliseconds.ts';

const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 20);
const BIN = fileURLToPath(new URL('../bin/lab.mjs', import.meta.url));
const ARGS = ['invoke', 'health', '--json'];
const run = promisify(execFile);

export async function runClientBench(): Promise<void> {
  // Its own PostgreSQL, which the client's lab uses too (DATABASE_URL): one server, two labs.
  const home = mkdtempSync(join(tmpdir(), 'lab-bench-pg-'));
  chmodSync(home, 0o755);
  process.env.LAB_PG_HOME = join(home, 'pg');
  const lab = new LabContext();
  const silent: LabIO = { out: () => {}, err: () => {}, color: false };
  const inProcess: number[] = [];
  try {
    const { url } = await lab.database();
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      if ((await runCommand(ARGS, silent, lab)) !== 0) throw new Error('invoke health failed in-process');
      if (i >= 2) inProcess.push(performance.now() - t);
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      LAB_RUN_DIR: mkdtempSync(join(tmpdir(), 'lab-bench-run-')),
      NO_COLOR: '1',
    };
    delete env.LAB_PG_HOME;
    const viaClient: number[] = [];
    try {
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        await run(process.execPath, [BIN, ...ARGS], { env });
        if (i >= 2) viaClient.push(performance.now() - t); // the first starts the lab, the second warms it
      }
    } finally {
      await run(process.execPath, [BIN, 'stop'], { env });
    }
    const overhead = median(viaClient) - median(inProcess);
    console.log(`a shell command vs the same command in the lab (\`invoke health --json\`, warm, median of ${RUNS})`);
    console.log(`  in the lab's process: ${formatMs(median(inProcess), 2)}`);
    console.log(`  \`npx lab …\` (a new process, a client of the running lab): ${formatMs(median(viaClient), 2)}`);
    console.log(`  client overhead: ${formatMs(overhead, 2)}  target <= 100 ms ${overhead <= 100 ? 'met' : 'MISSED'}`);
  } finally {
    await lab.close();
  }
}

if (import.meta.main) await runClientBench();
