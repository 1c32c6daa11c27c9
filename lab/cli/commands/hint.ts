import type { Command } from 'commander';
import { numberOf } from '../../exercises-runner/manifest.ts';
import { paint, type LabIO } from '../io.ts';
import { outputWidth, wrap } from '../layout.ts';
import { exerciseNamed } from './check.ts';
import { exerciseArgument } from '../arguments.ts';

/**
 * `lab hint <name>`: the second step of a hint. A failing check shows only where to look; this
 * says more, for a learner who looked and is still stuck (the page has the same behind a button).
 */
export function registerHint(program: Command, io: LabIO): void {
  program
    .command('hint')
    .description("show more of an exercise's hint than a failing check does")
    .addArgument(exerciseArgument())
    .action((name: string) => {
      const exercise = exerciseNamed(name);
      const width = outputWidth(io);
      const lines = [
        paint(io, 'bold', `${numberOf(exercise.id)} ${exercise.title}`),
        ...wrap(`${paint(io, 'cyan', 'where to look:')} ${exercise.hint}`, width, { indent: 2, hanging: 4 }),
        ...wrap(`${paint(io, 'cyan', 'more:')} ${exercise.more}`, width, { indent: 2, hanging: 4 }),
      ];
      io.out(lines.join('\n') + '\n');
    });
}
