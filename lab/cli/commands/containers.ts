import type { Command } from 'commander';
import { paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';

export function registerContainers(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('containers')
    .description(
      'list the execution environments alive in this lab (from any shell or page), with their age and memory',
    )
    .option('--json', 'as a JSON array')
    .action((options: { json?: boolean }) => {
      const rows = lab.allFunctions().flatMap((fn) =>
        fn.containerInfo().map((c) => ({
          ...c,
          functionName: fn.settings.functionName,
          memorySizeMb: fn.settings.memoryMb,
          timeoutMs: fn.settings.timeoutMs,
        })),
      );
      if (options.json) {
        io.out(JSON.stringify(rows) + '\n');
        return;
      }
      if (rows.length === 0) {
        io.out('No execution environments in this lab yet: the next invoke starts one (a cold start).\n');
        return;
      }
      io.out(paint(io, 'bold', 'container  pid      state         age      idle     calls  memory   workers  init\n'));
      for (const c of rows) {
        io.out(
          `${c.containerId.slice(0, 8)}   ${String(c.pid ?? '-').padEnd(8)} ${c.state.padEnd(13)} ${seconds(c.ageMs).padEnd(8)} ${seconds(c.idleMs).padEnd(8)} ` +
            `${String(c.invocations).padEnd(6)} ${`${c.maxMemoryUsedMb}/${c.memorySizeMb}`.padEnd(8)} ${workersCell(c.workers).padEnd(8)} ${c.initDurationMs?.toFixed(2) ?? '-'} ms\n`,
        );
      }
      if (rows.some((c) => c.workers === null))
        io.out(paint(io, 'dim', 'idle environments are frozen (SIGSTOP) until the next invoke thaws them\n'));
      if (rows.some((c) => c.workers !== null))
        io.out(
          paint(
            io,
            'dim',
            'workers: Managed Instances worker threads alive/started, each with its own init; these environments are never frozen\n',
          ),
        );
    });
}

/** On-demand environments have no worker threads: the process is the runtime. */
function workersCell(workers: { alive: number; started: number } | null): string {
  return workers ? `${workers.alive}/${workers.started}` : '-';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
