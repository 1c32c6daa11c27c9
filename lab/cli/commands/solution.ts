import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { numberOf, sourceDir } from '../../exercises-runner/manifest.ts';
import { readProgress } from '../../exercises-runner/progress.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { exerciseNamed } from './check.ts';
import { REPO_ROOT } from '../../repo-root.ts';

/** `lab solution <name>`: the reference, shown only once the learner's own version has passed. */
export function registerSolution(program: Command, io: LabIO): void {
  program
    .command('solution')
    .description('show the reference solution of an exercise you have passed')
    .argument('<name>', 'an exercise: 01, 01-cache-the-bootstrap or cache-the-bootstrap')
    .action(async (name: string) => {
      const exercise = exerciseNamed(name);
      const n = numberOf(exercise.id);
      if (!readProgress().exercises[exercise.id]?.passedAt) {
        throw new LabUsageError(
          `The solution of ${n} opens once your own passes: run \`check ${n}\` until it says passed.`,
        );
      }
      for (const file of exercise.files) {
        const path = join(sourceDir('solutions', exercise.id), file);
        io.out(paint(io, 'cyan', `── ${relative(REPO_ROOT, path)} ──`) + '\n');
        io.out((await readFile(path, 'utf8')).replace(/\n?$/, '\n'));
      }
      io.out(
        paint(
          io,
          'dim',
          `Yours is in ${relative(REPO_ROOT, sourceDir('exercises', exercise.id))}/: any approach that passes is a right one.`,
        ) + '\n',
      );
    });
}
