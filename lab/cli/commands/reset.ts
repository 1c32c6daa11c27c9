import type { Command } from 'commander';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { editionText } from '../../exercises-runner/exercise-files.ts';
import { learnerFolder, numberOf } from '../../exercises-runner/manifest.ts';
import { REPO_ROOT } from '../../repo-root.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { exerciseNamed } from './check.ts';
import { exerciseArgument } from '../arguments.ts';

/** Where `reset` keeps the learner's versions: .lab/backups/, or LAB_BACKUPS_DIR. */
export function backupsDir(): string {
  return process.env.LAB_BACKUPS_DIR ?? join(REPO_ROOT, '.lab', 'backups');
}

/** `lab reset <name>`: the starter back, the learner's version kept in `.lab/backups/NN-<time>/`. */
export function registerReset(program: Command, io: LabIO): void {
  program
    .command('reset')
    .description('restore an exercise to its starter (your version is kept in .lab/backups/)')
    .addArgument(exerciseArgument())
    .action(async (name: string) => {
      const exercise = exerciseNamed(name);
      const learnerDir = learnerFolder(exercise.id);
      const changed: Array<{ file: string; starter: string }> = [];
      for (const file of exercise.files) {
        const path = join(learnerDir, file);
        if ((await stat(path).catch(() => null))?.isDirectory()) {
          throw new LabUsageError(
            `${relative(REPO_ROOT, path)} is a folder, not a file: move it out of the way and run \`lab reset ${numberOf(exercise.id)}\` again.`,
          );
        }
        const starter = editionText(exercise, 'starter', file);
        const mine = await readFile(join(learnerDir, file), 'utf8').catch(() => null);
        if (mine !== starter) changed.push({ file, starter });
      }
      if (changed.length === 0) {
        io.out(`${numberOf(exercise.id)} is already the starter: nothing to reset.\n`);
        return;
      }
      const stamp = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      const backup = await newBackupFolder(`${numberOf(exercise.id)}-${stamp}`);
      for (const { file, starter } of changed) {
        const mine = join(learnerDir, file);
        await mkdir(dirname(join(backup, file)), { recursive: true });
        await copyFile(mine, join(backup, file)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await mkdir(dirname(mine), { recursive: true });
        await writeFile(mine, starter);
      }
      io.out(
        `${paint(io, 'green', 'reset')} ${changed.map(({ file }) => relative(REPO_ROOT, join(learnerDir, file))).join(', ')} to the starter.\n`,
      );
      io.out(`Your version is kept in ${relative(REPO_ROOT, backup)}/\n`);
    });
}

/**
 * A folder of its own for this reset: two resets in one second get `NN-<time>` and `NN-<time>-2`.
 * mkdir without `recursive` fails if it exists, so two processes cannot both take one name.
 */
async function newBackupFolder(name: string): Promise<string> {
  await mkdir(backupsDir(), { recursive: true });
  for (let n = 1; ; n++) {
    const folder = join(backupsDir(), n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 1000) throw error;
    }
  }
}
