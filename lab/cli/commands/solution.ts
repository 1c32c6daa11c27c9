import type { Command } from 'commander';
import { join, relative } from 'node:path';
import { editionText, sourcesOf } from '../../exercises-runner/exercise-files.ts';
import { learnerFolder, numberOf } from '../../exercises-runner/manifest.ts';
import { readProgress } from '../../exercises-runner/progress.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { exerciseNamed } from './check.ts';
import { REPO_ROOT } from '../../repo-root.ts';
import { exerciseArgument } from '../arguments.ts';

/** `lab solution <name>`: the reference, shown only once the learner's own version has passed. */
export function registerSolution(program: Command, io: LabIO): void {
  program
    .command('solution')
    .description('show the reference solution of an exercise you have passed')
    .addArgument(exerciseArgument())
    .action((name: string) => {
      const exercise = exerciseNamed(name);
      const n = numberOf(exercise.id);
      if (!readProgress(undefined, (line) => io.err(`lab: ${line}\n`)).exercises[exercise.id]?.passedAt) {
        throw new LabUsageError(
          `The solution of ${n} opens once your own passes: run \`check ${n}\` until it says passed.`,
        );
      }
      // Named by its source, with its imports as they would read in the learner's folder, so it
      // compares line for line with theirs.
      for (const file of exercise.files) {
        const source = relative(REPO_ROOT, join(sourcesOf(exercise).solution, file));
        io.out(paint(io, 'cyan', `── ${source} ──`) + '\n');
        io.out(editionText(exercise, 'solution', file).replace(/\n?$/, '\n'));
      }
      io.out(
        paint(
          io,
          'dim',
          `Yours is in ${relative(REPO_ROOT, learnerFolder(exercise.id))}/: any approach that passes is a right one.`,
        ) + '\n',
      );
    });
}
