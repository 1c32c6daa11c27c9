import type { Command } from 'commander';
import { relative } from 'node:path';
import { updateCommittedCopies } from '../../exercises-runner/committed-copies.ts';
import { numberOf } from '../../exercises-runner/manifest.ts';
import { REPO_ROOT } from '../../repo-root.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';

/** `lab dev …`: the workbook's own upkeep, for whoever changes the exercises. */
export function registerDev(program: Command, io: LabIO): void {
  const dev = program.command('dev').description("the workbook's upkeep: commands for changing the exercises");
  dev
    .command('update')
    .description('regenerate the copies in lab/exercises/ from their one source (variants, starters, solutions)')
    .action(() => {
      const { written, kept } = updateCommittedCopies();
      for (const copy of written) io.out(`${paint(io, 'green', 'wrote')} ${relative(REPO_ROOT, copy.path)}\n`);
      if (written.length === 0 && kept.length === 0) io.out('every copy in lab/exercises/ is up to date.\n');
      if (kept.length === 0) return;
      for (const copy of kept) io.out(`${paint(io, 'yellow', 'kept')}  ${relative(REPO_ROOT, copy.path)}\n`);
      const numbers = [...new Set(kept.map((copy) => numberOf(copy.exercise.id)))];
      throw new LabUsageError(
        `${kept.length} file(s) you edit differ from their starter and were left alone: ` +
          numbers.map((n) => `\`reset ${n}\``).join(', ') +
          ' takes the starter and keeps yours in .lab/backups/.',
      );
    });
}
