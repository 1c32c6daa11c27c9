import type { Command } from 'commander';
import { listSamples } from '../../events/index.ts';
import { paint, type LabIO } from '../io.ts';
import { displayWidth, outputWidth, pad, wrap } from '../layout.ts';

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
      const width = outputWidth(io);
      const nameWidth = Math.max(...samples.map((s) => displayWidth(s.name)));
      // The name in its own column while that leaves room for the rest; on a narrow terminal, above it.
      const column = nameWidth + 2 <= width / 2 ? nameWidth + 2 : 2;
      const lines: string[] = [];
      for (const s of samples) {
        const rest = `${pad(s.source, 12)} ${pad(s.method, 6)} ${s.path}`;
        if (column === 2) lines.push(paint(io, 'bold', s.name));
        lines.push(
          ...wrap(column === 2 ? rest : `${pad(paint(io, 'bold', s.name), nameWidth)}  ${rest}`, width, {
            indent: column === 2 ? 2 : 0,
            hanging: column,
          }),
        );
        lines.push(...wrap(paint(io, 'dim', s.description), width, { indent: column }));
      }
      lines.push('');
      lines.push(
        ...wrap(
          `Run one: ${paint(io, 'cyan', `invoke ${samples[0]?.name ?? '<name>'}`)}, or give a path to your own JSON event.`,
          width,
        ),
      );
      io.out(lines.join('\n') + '\n');
    });
}
