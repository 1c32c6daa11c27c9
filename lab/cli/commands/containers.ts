import type { Command } from 'commander';
import { paint, type LabIO } from '../io.ts';
import { outputWidth, table, wrap } from '../layout.ts';
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
      const width = outputWidth(io);
      const lines = table(
        ['container', 'pid', 'state', 'age', 'idle', 'calls', 'memory', 'init'].map((header) => ({ header })),
        rows.map((c) => [
          c.containerId.slice(0, 8),
          String(c.pid ?? '-'),
          c.state,
          seconds(c.ageMs),
          seconds(c.idleMs),
          String(c.invocations),
          `${c.maxMemoryUsedMb}/${c.memorySizeMb}`,
          c.initDurationMs === null ? '-' : `${c.initDurationMs.toFixed(2)} ms`,
        ]),
        width,
        { headerStyle: (text) => paint(io, 'bold', text) },
      );
      lines.push(
        ...wrap(paint(io, 'dim', 'idle environments are frozen (SIGSTOP) until the next invoke thaws them'), width),
      );
      io.out(lines.join('\n') + '\n');
    });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
