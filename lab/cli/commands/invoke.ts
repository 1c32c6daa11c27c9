import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { loadEvent } from '../../events/index.ts';
import { loadAnyEvent } from '../../events/load-any-event.ts';
import type { InvocationRecord } from '../../runtime/invocation.ts';
import { formatInvocation } from '../format-invocation.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import { formatComparison } from '../../remote/compare.ts';
import { invokeRemote } from '../../remote/invoke-remote.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';
import { eventArgument } from '../arguments.ts';
import {
  requestView,
  answerJson,
  clientAnswer,
  DOORS,
  doorOfEvent,
  type DoorSettings,
  type FrontDoor,
} from '../../front-doors/index.ts';
import {
  chooseDoor,
  FRONT_DOOR_HELP,
  GATEWAY_TIMEOUT_HELP,
  parseFrontDoor,
  parseTimeoutMs,
} from '../front-door-option.ts';
import { forTerminal } from '../sanitize.ts';
import { functionsNamed, recycle } from '../recycle-functions.ts';

interface InvokeOptions {
  repeat: number;
  concurrency: number;
  timeout?: number;
  initTimeout?: number;
  memory?: number;
  reserved?: number;
  perEnvConcurrency?: number;
  workers?: number;
  unbundled?: boolean;
  json?: boolean;
  handler?: string;
  export?: string;
  logFormat?: 'Text' | 'JSON';
  remote?: string;
  compare?: boolean;
  region?: string;
  profile?: string;
  frontDoor?: FrontDoor;
  gatewayTimeout?: number;
  cold?: boolean;
}

/**
 * The JSON Lines contract of `lab invoke --json` (DESIGN.md): the record without its log lines,
 * and for an HTTP event what the client of its front door got (`client`, lab/front-doors).
 */
export function invocationJson(record: InvocationRecord, client?: ReturnType<typeof answerJson>): string {
  const { logs: _logs, ...json } = record;
  return JSON.stringify(client ? { ...json, client } : json);
}

/** One line under the invocation: the door, and what its client got. */
export function clientLine(io: LabIO, answer: ReturnType<typeof answerJson>): string {
  const body =
    answer.bodyEncoding === 'base64' ? `${answer.bodyBytes} bytes of binary` : answer.body.replace(/\s*\n\s*/g, '');
  const text = `client through the ${DOORS[answer.door].label} (--front-door ${answer.door}): ${answer.statusCode} ${body.length > 100 ? `${body.slice(0, 99)}…` : body}`;
  const from = answer.answeredBy === 'door' ? paint(io, 'dim', ` (the door's own answer: ${answer.case})`) : '';
  return `${forTerminal(text)}${from}`;
}

function logFormat(value: string): 'Text' | 'JSON' {
  if (/^text$/i.test(value)) return 'Text';
  if (/^json$/i.test(value)) return 'JSON';
  throw new InvalidArgumentError(`expected text or json, got "${value}".`);
}

export function registerInvoke(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('invoke')
    .description('invoke the function with a sample event (or a JSON file) through the local Lambda')
    .addArgument(eventArgument())
    .option('--repeat <n>', 'invoke this many times, one after another', intInRange(1, 1000), 1)
    .option('--concurrency <n>', 'send this many at once, each round', intInRange(1, 100), 1)
    .option('--timeout <ms>', 'the function timeout', intInRange(1, 900_000))
    .option(
      '--init-timeout <ms>',
      "lab only, for demos: lower Lambda's 10 s init limit (AWS's is fixed)",
      intInRange(1, 10_000),
    )
    .option('--memory <mb>', 'the function memory size', intInRange(128, 10_240))
    .option('--reserved <n>', 'reserved concurrency: more parallel calls than this are throttled', intInRange(1, 1000))
    .option(
      '--per-env-concurrency <n>',
      'Lambda Managed Instances: requests one environment serves at once (1-1600), on worker threads, never frozen',
      intInRange(1, 1_600),
    )
    .option(
      '--workers <n>',
      'with --per-env-concurrency: worker threads per environment (AWS_LAMBDA_NODEJS_WORKER_COUNT)',
      intInRange(1, 64),
    )
    .option('--unbundled', 'run the tsc output instead of the esbuild bundle')
    .option('--json', 'one JSON object per invocation on stdout, nothing else')
    .option('--handler <file>', 'run your own handler module (.mjs, .js, .cjs, .ts) instead of the lab app')
    .option('--export <name>', 'the export of --handler to call', 'handler')
    .option('--log-format <format>', "the function's LogFormat: text or json (its own lines as JSON)", logFormat)
    .option('--front-door <door>', `${FRONT_DOOR_HELP}; default: the door the event came through`, parseFrontDoor)
    .option(
      '--gateway-timeout <ms>',
      `${GATEWAY_TIMEOUT_HELP}; default: the door's own (REST 29000, HTTP API 30000); an invocation that lasts longer is the door's timeout`,
      parseTimeoutMs,
    )
    .option('--remote <function>', 'invoke the deployed function (name or ARN) on AWS Lambda instead (npm run deploy)')
    .option('--compare', 'with --remote: run the lab and AWS on the same event, side by side')
    .option('--region <region>', 'with --remote: the AWS Region (else AWS_REGION or your profile)')
    .option('--profile <name>', 'with --remote: the AWS profile (else AWS_PROFILE)')
    .option(
      '--cold',
      'lab only: retire the warm environments of this function first (as a deployment does): the first call is cold',
    )
    .action(async (eventName: string, options: InvokeOptions) => {
      if (options.remote !== undefined || options.compare) return invokeOnAws(eventName, options, io, lab);
      if (options.workers !== undefined && options.perEnvConcurrency === undefined)
        throw new LabUsageError('--workers is for Managed Instances: add --per-env-concurrency <n>.');
      // Any JSON for a learner's handler: an SQS or EventBridge function is a Lambda function too.
      const event = options.handler
        ? await loadAnyEvent(eventName, io.cwd)
        : (await loadEvent(eventName, io.cwd)).event;
      // An HTTP event has a door; anything else (an SQS batch to a learner's handler) has none.
      let door: DoorSettings | undefined;
      if (doorOfEvent(event)) {
        // The door's own clock, its AWS default unless given: a 40 s invocation is a 504 through REST.
        const chosen = chooseDoor(event, options.frontDoor);
        door = chooseDoor(event, chosen.door, options.gatewayTimeout ?? DOORS[chosen.door].timeout?.defaultMs);
      } else if (options.frontDoor || options.gatewayTimeout)
        throw new LabUsageError(
          '--front-door: the event is not an HTTP request, so no front door carries it; drop the option',
        );
      const request = requestView(event);
      const client = (record: InvocationRecord) => (door ? answerJson(clientAnswer(door, record, request)) : undefined);
      const fn = await lab.function({
        ...(options.handler
          ? { handler: resolve(io.cwd ?? process.cwd(), options.handler), handlerExport: options.export ?? 'handler' }
          : {}),
        ...(options.timeout ? { timeoutMs: options.timeout } : {}),
        ...(options.initTimeout ? { initTimeoutMs: options.initTimeout } : {}),
        ...(options.logFormat ? { logFormat: options.logFormat } : {}),
        ...(options.memory ? { memoryMb: options.memory } : {}),
        ...(options.reserved ? { reservedConcurrency: options.reserved } : {}),
        ...(options.perEnvConcurrency ? { perExecutionEnvironmentMaxConcurrency: options.perEnvConcurrency } : {}),
        ...(options.perEnvConcurrency ? { managedInstances: true } : {}),
        ...(options.workers ? { workers: options.workers } : {}),
        ...(options.unbundled ? { unbundled: true } : {}),
      });
      // What a lesson's "only the first call is cold" needs whatever ran before: `recycle --function`
      // for this name, every setting of it (`--memory`, `--unbundled` are versions of one function).
      if (options.cold) await recycle(functionsNamed(fn.settings.functionName));
      for (let round = 0; round < options.repeat && !io.signal?.aborted; round++) {
        const records = await Promise.all(Array.from({ length: options.concurrency }, () => fn.invoke(event)));
        for (const record of records) {
          if (options.json) {
            io.out(invocationJson(record, client(record)) + '\n');
            for (const line of record.logs) io.err(line + '\n');
          } else {
            const answer = client(record);
            io.out(formatInvocation(io, record) + (answer ? clientLine(io, answer) + '\n' : '') + '\n');
          }
        }
      }
    });
}

/** `--remote`, `--compare`: the deployed function, alone or beside the lab's run of the same event. */
async function invokeOnAws(eventName: string, options: InvokeOptions, io: LabIO, lab: LabContext): Promise<void> {
  if (!options.remote) throw new LabUsageError('--compare needs --remote <function name or ARN>.');
  if (options.handler) throw new LabUsageError('--remote runs the deployed lab app: leave out --handler.');
  if (options.compare && options.concurrency > 1)
    throw new LabUsageError('--compare runs one call at a time on each side: leave out --concurrency.');
  const target = options.remote;
  const remote = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const { event } = await loadEvent(eventName, io.cwd);
  const fn = options.compare
    ? await lab.function({
        ...(options.timeout ? { timeoutMs: options.timeout } : {}),
        ...(options.memory ? { memoryMb: options.memory } : {}),
        ...(options.logFormat ? { logFormat: options.logFormat } : {}),
      })
    : undefined;
  for (let round = 0; round < options.repeat && !io.signal?.aborted; round++) {
    if (!fn) {
      const records = await Promise.all(
        Array.from({ length: options.concurrency }, () => invokeRemote(target, event, remote)),
      );
      for (const aws of records) {
        if (options.json) {
          io.out(invocationJson(aws) + '\n');
          for (const line of aws.logs) io.err(line + '\n');
        } else io.out(formatInvocation(io, aws) + '\n');
      }
      continue;
    }
    // One after the other, never at once: each side measures on a quiet machine.
    const local = await fn.invoke(event);
    const aws = await invokeRemote(target, event, remote);
    if (options.json) {
      io.out(JSON.stringify({ lab: JSON.parse(invocationJson(local)), aws: JSON.parse(invocationJson(aws)) }) + '\n');
      for (const line of aws.logs) io.err(line + '\n');
    } else io.out(formatComparison(io, local, aws) + '\n');
  }
}
