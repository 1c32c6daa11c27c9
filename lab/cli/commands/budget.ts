import type { Command } from 'commander';
import { runBudget, type BudgetResult } from '../../scenarios/budget.ts';
import {
  LESSONS,
  parseVariant,
  runScenarioCommand,
  stepsTo,
  verdictLines,
  type Variant,
} from '../../scenarios/command-support.ts';
import { paint, type LabIO } from '../io.ts';
import { outputWidth, wrap } from '../layout.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';
import { loadEvent } from '../../events/index.ts';
import type { FrontDoor } from '../../front-doors/index.ts';
import {
  FRONT_DOOR_HELP,
  GATEWAY_TIMEOUT_HELP,
  parseFrontDoor,
  parseTimeoutMs,
  scenarioDoor,
} from '../front-door-option.ts';

interface BudgetCommandOptions {
  variant: Variant;
  gatewayTimeout?: number;
  frontDoor?: FrontDoor;
  lambdaTimeout: number;
  queryMs: number;
  json?: boolean;
}

export function registerBudget(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('budget')
    .description("three clocks: the front door's integration timeout, the Lambda timeout, the DB statement_timeout")
    .option(
      '--variant <variant>',
      'buggy (a fixed 5 s statement_timeout) or fixed (derived from the remaining time)',
      parseVariant,
      'buggy',
    )
    .option(
      '--front-door <door>',
      `${FRONT_DOOR_HELP}; default: the door of the sample event reports-slow`,
      parseFrontDoor,
    )
    .option('--gateway-timeout <ms>', `${GATEWAY_TIMEOUT_HELP}; default 2500, scaled down`, parseTimeoutMs)
    .option('--lambda-timeout <ms>', 'the function timeout', intInRange(100, 900_000), 2_000)
    .option('--query-ms <ms>', 'how long the report query runs on the server', intInRange(0, 60_000), 3_000)
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: BudgetCommandOptions) => {
      // The sample's door by default; the scenario builds its request for whichever door is chosen.
      const sample = (await loadEvent('reports-slow')).event;
      const door = scenarioDoor(sample, options.frontDoor, options.gatewayTimeout, 2_500);
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        (live) =>
          runBudget({
            databaseUrl: db.url,
            variant: options.variant,
            door,
            lambdaTimeoutMs: options.lambdaTimeout,
            queryMs: options.queryMs,
            ...stepsTo(live),
            ...(io.signal ? { signal: io.signal } : {}),
          }),
        (result) => budgetStory(io, result),
        budgetHead(io, options.variant, options.queryMs),
      );
    });
}

export function budgetHead(io: LabIO, variant: Variant, queryMs: number): string {
  return `${paint(io, 'bold', `lab budget --variant ${variant}`)}: GET /reports/slow?ms=${queryMs} on a warm container`;
}

/** The story after its head (printed first) and the steps (printed as they happened). */
export function budgetStory(io: LabIO, r: BudgetResult): string {
  const b = r.budgets;
  const lines: string[] = [];
  const door = r.client.doorLabel;
  lines.push(
    `budgets: ${door} ${b.gatewayTimeoutMs === null ? 'no clock of its own' : `${b.gatewayTimeoutMs} ms`} | Lambda ${b.lambdaTimeoutMs} ms | DB statement_timeout ${b.statementTimeoutMs ?? '?'} ms | the query needs ${b.queryMs} ms`,
  );
  const events: Array<[number, string]> = [[0, `request sent through the ${door} (--front-door ${r.client.door})`]];
  if (r.lambda.status === 'timeout')
    events.push([r.lambda.durationMs, paint(io, 'red', `Lambda kills the container: ${r.lambda.errorMessage}`)]);
  else events.push([r.lambda.durationMs, `the function returns (${r.lambda.status})`]);
  const clientText = `client gets ${r.client.statusCode} ${truncate(r.client.body.replace(/\s*\n\s*/g, ''), 110)}`;
  const from =
    r.client.answeredBy === 'function'
      ? 'from the function'
      : r.client.answeredBy === 'gateway-timeout'
        ? `from the ${door}: its clock ran out first`
        : `from the ${door}: the invocation failed`;
  events.push([
    r.client.atMs,
    r.client.statusCode < 500 || r.client.answeredBy === 'function'
      ? `${clientText} ${from}`
      : paint(io, 'red', `${clientText} ${from}`),
  ]);
  if (r.server.queryEndedAtMs !== null) {
    const after = r.server.queryEndedAtMs - r.client.atMs;
    events.push([
      r.server.queryEndedAtMs,
      r.server.queryRunningWhenClientAnswered
        ? paint(
            io,
            'red',
            `the query stops on the server, ${after} ms after the client was answered (pg_stat_activity)`,
          )
        : 'no query left on the server (pg_stat_activity): the database cancelled it',
    ]);
  }
  events.sort((x, y) => x[0] - y[0]);
  lines.push('timeline:');
  // The times in a column; each event's text folds under itself.
  for (const [at, text] of events)
    lines.push(...wrap(`${`${Math.round(at)} ms`.padStart(8)}  ${text}`, outputWidth(io), { indent: 2, hanging: 12 }));
  lines.push(
    `the function's own log: ${r.lambda.appLogLines.length === 0 ? paint(io, 'red', 'nothing (it never learned why it died)') : ''}`,
  );
  for (const line of r.lambda.appLogLines) lines.push(`  ${line}`);
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? 'the query gets what the invocation has left minus a margin, so the function answers (503) and the server stops the work.'
      : r.verdict === 'gateway-timeout'
        ? "the gateway gave up while the function worked on: keep the Lambda timeout below the gateway's, and the query's below both."
        : 'a DB timeout longer than the remaining Lambda time lets Lambda kill the container first: derive it from getRemainingTimeInMillis().';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.timeoutBudgets]);
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
