import type { Command } from 'commander';
import {
  LESSONS,
  parseVariant,
  runScenarioCommand,
  short,
  stepsTo,
  verdictLines,
  type Variant,
} from '../../scenarios/command-support.ts';
import { runRetry, type Attempt, type RetryResult } from '../../scenarios/retry.ts';
import { paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { loadEvent } from '../../events/index.ts';
import type { FrontDoor } from '../../front-doors/index.ts';
import {
  FRONT_DOOR_HELP,
  GATEWAY_TIMEOUT_HELP,
  parseFrontDoor,
  parseTimeoutMs,
  scenarioDoor,
} from '../front-door-option.ts';

interface RetryCommandOptions {
  variant: Variant;
  gatewayTimeout?: number;
  frontDoor?: FrontDoor;
  json?: boolean;
}

export function registerRetry(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('retry')
    .description(
      "duplicates: a client retry after a gateway timeout, and Lambda's two async retries, with one Idempotency-Key",
    )
    .option(
      '--variant <variant>',
      'buggy (an in-memory Map per container) or fixed (an idempotency table in PostgreSQL)',
      parseVariant,
      'buggy',
    )
    .option(
      '--front-door <door>',
      `${FRONT_DOOR_HELP}; default: the door of the sample event apigw-v2-post`,
      parseFrontDoor,
    )
    .option('--gateway-timeout <ms>', `${GATEWAY_TIMEOUT_HELP}; default 500, scaled down`, parseTimeoutMs)
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: RetryCommandOptions) => {
      // The POST /orders sample's door by default; the scenario builds its requests for the chosen door.
      const sample = (await loadEvent('apigw-v2-post')).event;
      const door = scenarioDoor(sample, options.frontDoor, options.gatewayTimeout, 500);
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        (live) =>
          runRetry({
            databaseUrl: db.url,
            variant: options.variant,
            door,
            ...stepsTo(live),
            ...(io.signal ? { signal: io.signal } : {}),
          }),
        (result) => retryStory(io, result),
        retryHead(io, options.variant),
      );
    });
}

export function retryHead(io: LabIO, variant: Variant): string {
  return `${paint(io, 'bold', `lab retry --variant ${variant}`)}: POST /orders {"item":"lab mug","quantity":1} with an Idempotency-Key`;
}

/** The story after its head (printed first) and the steps (printed as they happened). */
export function retryStory(io: LabIO, r: RetryResult): string {
  const lines: string[] = [];
  const clock = r.frontDoor.gatewayTimeoutMs === null ? 'no clock of its own' : `${r.frontDoor.gatewayTimeoutMs} ms`;
  lines.push(`front door: ${r.frontDoor.label} (--front-door ${r.frontDoor.door}), integration timeout ${clock}`);
  lines.push('');
  lines.push(`1. A client retries after 5xx answers from its door (key ${r.clientRetry.idempotencyKey}):`);
  for (const a of r.clientRetry.attempts) lines.push(attemptLine(io, a, 'client'));
  lines.push(`   orders in the database for this key: ${count(io, r.clientRetry.orders)}`);
  lines.push('');
  lines.push(`   The same request twice at once, a double submit (key ${r.doubleSubmit.idempotencyKey}):`);
  for (const a of r.doubleSubmit.attempts)
    lines.push(
      `   request ${a.attempt}: function answered ${a.functionStatusCode} in ${a.atMs} ms (container ${short(a.containerId)})`,
    );
  lines.push(`   orders in the database for this key: ${count(io, r.doubleSubmit.orders)}`);
  lines.push('');
  lines.push(
    `2. An async invocation fails after writing (the mail relay hangs) and Lambda retries it twice (key ${r.asyncRetry.idempotencyKey}):`,
  );
  for (const a of r.asyncRetry.attempts) lines.push(attemptLine(io, a, 'async'));
  lines.push(`   orders in the database for this key: ${count(io, r.asyncRetry.orders)}`);
  lines.push('');
  lines.push(
    `3. The same key with another body (quantity 2): HTTP ${r.reusedKey.statusCode ?? '-'} ${r.reusedKey.body ?? ''}`,
  );
  lines.push(
    `idempotency_records: ${r.idempotencyRecords.length === 0 ? 'none (nothing outside the containers remembers a key)' : r.idempotencyRecords.map((x) => `${x.key} ${x.status}`).join(', ')}`,
  );
  // The command on a line of its own: folded after "--request" at a terminal's width, it would
  // not paste as one command.
  lines.push(`One request's lines:`);
  lines.push(`  lab logs --request ${r.asyncRetry.attempts[0]?.awsRequestId ?? r.clientRetry.idempotencyKey}`);
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? 'the key is claimed in a store every container shares, the order and its COMPLETE record commit together, duplicates get the stored answer.'
      : 'each container has its own Map, and a killed one forgets it: keep idempotency keys in an external store (a table), not in memory.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.retries]);
}

function attemptLine(io: LabIO, a: Attempt, kind: 'client' | 'async'): string {
  const where = `container ${short(a.containerId)}${a.coldStart ? ' (cold)' : ''}`;
  const fn =
    a.invocationStatus === 'ok'
      ? `function answered ${a.functionStatusCode}`
      : paint(io, 'red', `invocation ${a.invocationStatus}: ${a.errorMessage}`);
  if (kind === 'client') {
    const seen =
      a.statusCode !== null && a.statusCode >= 500
        ? paint(io, 'red', `client got ${a.statusCode} ${(a.clientBody ?? '').replace(/\s*\n\s*/g, '').slice(0, 40)}`)
        : `client got ${a.statusCode}`;
    return `   attempt ${a.attempt}: ${seen} after ${a.atMs} ms; ${fn} (${where}, awsRequestId ${short(a.awsRequestId)})`;
  }
  return `   attempt ${a.attempt}: awsRequestId ${short(a.awsRequestId)}, ${where}: ${fn}`;
}

function count(io: LabIO, n: number): string {
  return n === 1 ? paint(io, 'green', '1') : paint(io, 'red', String(n));
}
