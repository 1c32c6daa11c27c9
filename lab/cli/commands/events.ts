import type { Command } from 'commander';
import { listSamples } from '../../events/index.ts';
import { paint, type LabIO } from '../io.ts';

export function registerEvents(program: Command, io: LabIO): void {
  program
    .command('events')
    .description('list the named sample events')
    .option('--json', 'a JSON array of { name, source, method, path }')
    .action((options: { json?: boolean }) => {
      const samples = listSamples();
      if (options.json) {
        io.out(
          JSON.stringify(samples.map(({ name, source, method, path }) => ({ name, source, method, path }))) + '\n',
        );
        return;
      }
      const width = Math.max(...samples.map((s) => s.name.length));
      for (const s of samples) {
        io.out(`${paint(io, 'bold', s.name.padEnd(width))}  ${s.source.padEnd(12)} ${s.method.padEnd(6)} ${s.path}\n`);
        io.out(`${' '.repeat(width)}  ${paint(io, 'dim', s.description)}\n`);
      }
      io.out(
        `\nRun one: ${paint(io, 'cyan', `invoke ${samples[0]?.name ?? '<name>'}`)}, or give a path to your own JSON event.\n`,
      );
    });
}
