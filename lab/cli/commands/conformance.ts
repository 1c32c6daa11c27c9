import type { Command } from 'commander';
import { runConformance } from '../../mapping-inspector/conformance.ts';
import { formatConformance } from '../../mapping-inspector/format.ts';
import { mappingColumns } from '../../mapping-inspector/mapping-functions.ts';
import type { LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';

export function registerConformance(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('conformance')
    .description(
      'every upstream fixture and named sample through serverless-express with default options and through the lab handler: which losses each one shows',
    )
    .option(
      '--json',
      'a JSON array, one object per event and handler: { fixture, source, handler: "default"|"lab", losses: string[] (rule names), evidence: [{ rule, evidence }] }',
    )
    .addHelpText(
      'after',
      '\nFixtures are read from ../shared/events/upstream; "lab map <event>" shows one event in detail.\n',
    )
    .action(async (options: { json?: boolean }) => {
      const rows = await runConformance(await mappingColumns(lab), io.signal);
      io.out(options.json ? JSON.stringify(rows) + '\n' : formatConformance(io, rows));
    });
}
