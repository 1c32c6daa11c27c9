import type { Command } from 'commander';
import { findInvocations, LOG_FILE } from '../../scenarios/log-store.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { forTerminal } from '../sanitize.ts';

interface LogsOptions {
  request: string;
  json?: boolean;
}

export function registerLogs(program: Command, io: LabIO): void {
  program
    .command('logs')
    .description('the log lines of one request from the scenarios run so far (.lab/logs/invocations.jsonl)')
    .requiredOption(
      '--request <id>',
      'a Lambda request id (async retries share one), an API Gateway request id, or an idempotency key',
    )
    .option('--json', 'one JSON object per invocation')
    .action(async (options: LogsOptions) => {
      const found = await findInvocations(options.request);
      if (found.length === 0) {
        throw new LabUsageError(
          `no invocation with the id "${options.request}" in ${LOG_FILE}: run a scenario (lab retry) and copy an id from its output.`,
        );
      }
      for (const stored of found) {
        if (options.json) {
          io.out(JSON.stringify(stored) + '\n');
          continue;
        }
        io.out(
          paint(
            io,
            'bold',
            `# lab ${stored.scenario} --variant ${stored.variant}: awsRequestId ${stored.requestId}, API request ${stored.apiRequestId ?? '-'}, ${stored.status}`,
          ) + '\n',
        );
        // A function's log lines may repeat what its events carried.
        for (const line of stored.logs) io.out(forTerminal(line, { multiline: true }) + '\n');
      }
    });
}
