import type { Command } from 'commander';
import { structuredPatch } from 'diff';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editionText, sourcesOf } from '../../exercises-runner/exercise-files.ts';
import { learnerFolder, numberOf } from '../../exercises-runner/manifest.ts';
import { readProgress } from '../../exercises-runner/progress.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { exerciseNamed } from './check.ts';
import { exerciseArgument } from '../arguments.ts';
import { displayPath } from '../display-path.ts';

/**
 * `lab solution <name>`: the learner's files against the reference, shown only once their own
 * version has passed. A diff (jsdiff's structuredPatch), so what differs stands out: the lines
 * starting `-` are the learner's, `+` the reference's.
 */
export function registerSolution(program: Command, io: LabIO): void {
  program
    .command('solution')
    .description('compare your files with the reference solution of an exercise you have passed')
    .addArgument(exerciseArgument())
    .action((name: string) => {
      const exercise = exerciseNamed(name);
      const n = numberOf(exercise.id);
      if (!readProgress(undefined, (line) => io.err(`lab: ${line}\n`)).exercises[exercise.id]?.passedAt) {
        throw new LabUsageError(
          `The solution of ${n} opens once your own passes: run \`check ${n}\` until it says passed.`,
        );
      }
      let same = 0;
      for (const file of exercise.files) {
        // The reference as it would read in the learner's folder (its imports re-pointed), named
        // by its source, so the two compare line for line.
        const source = displayPath(join(sourcesOf(exercise).solution, file));
        const reference = editionText(exercise, 'solution', file);
        const mineAt = join(learnerFolder(exercise.id), file);
        const mine = readOrNull(mineAt);
        if (mine === null) {
          io.out(paint(io, 'cyan', `── ${source} (you have no ${displayPath(mineAt)}) ──`) + '\n');
          io.out(reference.replace(/\n?$/, '\n'));
          continue;
        }
        if (mine === reference) {
          same += 1;
          io.out(paint(io, 'cyan', `── ${displayPath(mineAt)} is the reference, line for line ──`) + '\n');
          continue;
        }
        io.out(
          paint(io, 'cyan', `── ${displayPath(mineAt)} (-, yours) against ${source} (+, the reference) ──`) + '\n',
        );
        io.out(hunks(io, mine, reference));
      }
      const note =
        same === exercise.files.length
          ? 'Yours is the reference solution.'
          : 'Yours passed: any approach that passes is a right one; the differences are worth a read.';
      io.out(paint(io, 'dim', note) + '\n');
    });
}

/** The changed stretches with three lines around each, coloured like git's diff. */
function hunks(io: LabIO, mine: string, reference: string): string {
  const patch = structuredPatch('yours', 'reference', mine, reference, '', '', { context: 3 });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(
      paint(
        io,
        'magenta',
        `@@ yours ${hunk.oldStart},${hunk.oldLines} · reference ${hunk.newStart},${hunk.newLines} @@`,
      ),
    );
    for (const line of hunk.lines) {
      if (line.startsWith('+')) lines.push(paint(io, 'green', line));
      else if (line.startsWith('-')) lines.push(paint(io, 'red', line));
      else if (!line.startsWith('\\')) lines.push(line);
    }
  }
  return lines.join('\n') + '\n';
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
