import type { Command } from 'commander';
import { liveFunctions } from '../../runtime/local-function.ts';
import { paint, type LabIO } from '../io.ts';
import { outputWidth, table, wrap } from '../layout.ts';
import type { LabContext } from '../lab-context.ts';

export function registerContainers(program: Command, io: LabIO, _lab: LabContext): void {
  program
    .command('containers')
    .description(
      'list the execution environments alive in this lab (from any shell or page), with their age and memory',
    )
    .option('--json', 'as a JSON array')
    .action((options: { json?: boolean }) => {
      // Every live function's, not only the app's: a scenario running in another tab and the
      // mapping's defaults hold memory too, and a learner counting processes must find them here.
      const functions = liveFunctions().filter((fn) => fn.containerInfo().length > 0);
      const rows = functions.flatMap((fn) =>
        fn.containerInfo().map((c) => ({
          ...c,
          functionName: fn.settings.functionName,
          memorySizeMb: fn.settings.memoryMb,
          timeoutMs: fn.settings.timeoutMs,
          idleReapMs: fn.settings.idleReapMs,
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
      const width = outputWidth(io);
      const lines: string[] = [];
      for (const fn of functions) {
        const { functionName, memoryMb, timeoutMs, perExecutionEnvironmentMaxConcurrency: perEnv } = fn.settings;
        // Managed Instances (several requests per environment): never frozen, so never `frozen`.
        const managed = perEnv > 1 ? `, ${perEnv} requests per environment` : '';
        lines.push(
          ...wrap(
            paint(io, 'bold', functionName) +
              paint(io, 'dim', ` (${memoryMb} MB, ${timeoutMs / 1000} s timeout${managed})`),
            width,
          ),
        );
        const managedHere = fn.containerInfo().some((c) => c.workers !== null);
        // The environments under their function's heading, indented as its rows.
        lines.push(
          ...table(
            // Worker threads only where there are any (Managed Instances): an on-demand table stays
            // narrow enough for a lesson's 73-column terminal.
            [...HEADERS.slice(0, 7), ...(managedHere ? ['workers'] : []), 'init'].map((header) => ({ header })),
            fn
              .containerInfo()
              .map((c) => [
                c.containerId.slice(0, 8),
                String(c.pid ?? '-'),
                c.state,
                seconds(c.ageMs),
                seconds(c.idleMs),
                String(c.invocations),
                `${c.maxMemoryUsedMb}/${memoryMb}`,
                ...(managedHere ? [workersCell(c.workers)] : []),
                c.initDurationMs === null ? '-' : `${c.initDurationMs.toFixed(2)} ms`,
              ]),
            width - 2,
            { headerStyle: (text) => paint(io, 'dim', text) },
          ).map((line) => `  ${line}`),
        );
      }
      if (rows.some((c) => c.workers !== null))
        lines.push(
          ...wrap(
            paint(
              io,
              'dim',
              'workers: Managed Instances worker threads alive/started, each with its own init; these environments are never frozen',
            ),
            width,
          ),
        );
      const reapMs = Math.min(...functions.map((fn) => fn.settings.idleReapMs));
      lines.push(
        ...wrap(
          paint(
            io,
            'dim',
            `frozen: idle and stopped (SIGSTOP) until the next invoke thaws it\n` +
              `an environment is stopped after ${minutes(reapMs)} idle (LAB_IDLE_REAP_MS)`,
          ),
          width,
        ),
      );
      io.out(lines.join('\n') + '\n');
    });
}

/** On-demand environments have no worker threads: the process is the runtime. */
const HEADERS = ['container', 'pid', 'state', 'age', 'idle', 'calls', 'memory'];

function workersCell(workers: { alive: number; started: number } | null): string {
  return workers ? `${workers.alive}/${workers.started}` : '-';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${(ms / 1000).toFixed(0)} s`;
}
