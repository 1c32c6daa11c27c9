import type { Command } from 'commander';
import { liveFunctions } from '../../runtime/local-function.ts';
import { paint, type LabIO } from '../io.ts';
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
      for (const fn of functions) {
        const { functionName, memoryMb, timeoutMs, perExecutionEnvironmentMaxConcurrency: perEnv } = fn.settings;
        // Managed Instances (several requests per environment): never frozen, so never `frozen`.
        const managed = perEnv > 1 ? `, ${perEnv} requests per environment` : '';
        io.out(
          paint(io, 'bold', `${functionName}`) +
            paint(io, 'dim', ` (${memoryMb} MB, ${timeoutMs / 1000} s timeout${managed})\n`),
        );
        io.out(paint(io, 'dim', '  container  pid      state         age      idle     calls  memory   init\n'));
        for (const c of fn.containerInfo()) {
          io.out(
            `  ${c.containerId.slice(0, 8)}   ${String(c.pid ?? '-').padEnd(8)} ${c.state.padEnd(13)} ${seconds(c.ageMs).padEnd(8)} ${seconds(c.idleMs).padEnd(8)} ` +
              `${String(c.invocations).padEnd(6)} ${`${c.maxMemoryUsedMb}/${memoryMb}`.padEnd(8)} ${c.initDurationMs?.toFixed(2) ?? '-'} ms\n`,
          );
        }
      }
      const reapMs = Math.min(...functions.map((fn) => fn.settings.idleReapMs));
      io.out(
        paint(
          io,
          'dim',
          `frozen: idle and stopped (SIGSTOP) until the next invoke thaws it; ` +
            `stopped after ${minutes(reapMs)} idle (LAB_IDLE_REAP_MS)\n`,
        ),
      );
    });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${(ms / 1000).toFixed(0)} s`;
}
