import type { Command } from 'commander';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';

/**
 * `lab recycle`: retire every execution environment, as a new deployment does on Lambda, so the
 * next call is a cold start. Busy environments finish the call they serve first.
 */
export function registerRecycle(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('recycle')
    .description('retire every execution environment (as a new deployment does): the next call is cold')
    .option('--function <name>', 'only this function (`containers --json` names them)')
    .action(async (options: { function?: string }) => {
      const functions = lab
        .allFunctions()
        .filter((fn) => !options.function || fn.settings.functionName === options.function);
      if (options.function && functions.length === 0) {
        const names = [...new Set(lab.allFunctions().map((fn) => fn.settings.functionName))];
        throw new LabUsageError(
          `no function named "${options.function}" is deployed in this lab` +
            (names.length ? ` (deployed: ${names.join(', ')}).` : ': nothing is deployed yet.'),
        );
      }
      const before = functions.reduce((n, fn) => n + fn.containerInfo().length, 0);
      await Promise.all(functions.map((fn) => fn.deploy(fn.settings.handlerPath)));
      io.out(
        `${paint(io, 'green', '✓')} recycled ${before} execution environment${before === 1 ? '' : 's'}: ` +
          'the next call of each function is a cold start.\n',
      );
    });
}
