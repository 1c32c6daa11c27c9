import type { Command } from 'commander';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { liveFunctions } from '../../runtime/local-function.ts';
import { functionsNamed, recycle } from '../recycle-functions.ts';

/**
 * `lab recycle`: retire every execution environment, as a new deployment does on Lambda, so the
 * next call is a cold start. Busy environments finish the call they serve first. Every function
 * of this lab, not only the app's: a scenario's or the mapping's defaults' environments too.
 */
export function registerRecycle(program: Command, io: LabIO, _lab: LabContext): void {
  program
    .command('recycle')
    .description('retire every execution environment (as a new deployment does): the next call is cold')
    .option('--function <name>', 'only this function (`containers` names them)')
    .action(async (options: { function?: string }) => {
      const functions = options.function ? functionsNamed(options.function) : liveFunctions();
      if (options.function && functions.length === 0) {
        const names = [...new Set(liveFunctions().map((fn) => fn.settings.functionName))];
        throw new LabUsageError(
          `no function named "${options.function}" is deployed in this lab` +
            (names.length ? ` (deployed: ${names.join(', ')}).` : ': nothing is deployed yet.'),
        );
      }
      const before = await recycle(functions);
      io.out(
        `${paint(io, 'green', '✓')} recycled ${before} execution environment${before === 1 ? '' : 's'}: ` +
          'the next call of each function is a cold start.\n',
      );
    });
}
