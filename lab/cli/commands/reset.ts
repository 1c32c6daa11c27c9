import type { Command } from 'commander';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { numberOf, sourceDir } from '../../exercises-runner/manifest.ts';
import { paint, type LabIO } from '../io.ts';
import { exerciseNamed } from './check.ts';
import { REPO_ROOT } from '../../repo-root.ts';

/** Where `reset` keeps the learner's versions: .lab/backups/, or LAB_BACKUPS_DIR. */
export function backupsDir(): string {
  return process.env.LAB_BACKUPS_DIR ?? join(REPO_ROOT, '.lab', 'backups');
}

/** `lab reset <name>`: the starter back, the learner's version kept in `.lab/backups/NN-<time>/`. */
export function registerReset(program: Command, io: LabIO): void {
  program
    .command('reset')
    .description('restore an exercise to its starter (your version is kept in .lab/backups/)')
    .argument('<name>', 'an exercise: 01, 01-cache-the-bootstrap or cache-the-bootstrap')
    .action(async (name: string) => {
      const exercise = exerciseNamed(name);
      const learnerDir = sourceDir('exercises', exercise.id);
      const starterDir = sourceDir('starters', exercise.id);
      const changed: string[] = [];
      for (const file of exercise.files) {
        const [mine, starter] = await Promise.all([
          readFile(join(learnerDir, file), 'utf8').catch(() => null),
          readFile(join(starterDir, file), 'utf8'),
        ]);
        if (mine !== starter) changed.push(file);
      }
      if (changed.length === 0) {
        io.out(`${numberOf(exercise.id)} is already the starter: nothing to reset.\n`);
        return;
      }
      const stamp = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      const backup = join(backupsDir(), `${numberOf(exercise.id)}-${stamp}`);
      for (const file of changed) {
        const mine = join(learnerDir, file);
        await mkdir(dirname(join(backup, file)), { recursive: true });
        await copyFile(mine, join(backup, file)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await mkdir(dirname(mine), { recursive: true });
        await copyFile(join(starterDir, file), mine);
      }
      io.out(
        `${paint(io, 'green', 'reset')} ${changed.map((f) => relative(REPO_ROOT, join(learnerDir, f))).join(', ')} to the starter.\n`,
      );
      io.out(`Your version is kept in ${relative(REPO_ROOT, backup)}/\n`);
    });
}
