import type { Command } from 'commander';
import { runDoors } from '../../front-doors/door-runs.ts';
import { formatDoors } from '../../front-doors/format-doors.ts';
import type { LabIO } from '../io.ts';

export function registerDoors(program: Command, io: LabIO): void {
  program
    .command('doors')
    .description(
      'one small function through REST API, HTTP API, Function URL and ALB: what each client gets when it returns, throws, times out, is throttled, answers too much, or answers binary',
    )
    .option(
      '--json',
      'one JSON object: { functionTimeoutMs, doors: [{ door, label, settings, timeout, limits }], cases, runs: [{ door, case, client: { statusCode, headers, body, bodyEncoding, answeredBy, source }, atMs, invocation }] }',
    )
    .addHelpText(
      'after',
      '\nThe runs are real (the local Lambda); what each door answers is lab/front-doors/, each row citing its AWS page.\n',
    )
    .action(async (options: { json?: boolean }) => {
      const report = await runDoors(io.signal);
      io.out(options.json ? JSON.stringify(report) + '\n' : formatDoors(io, report));
    });
}
