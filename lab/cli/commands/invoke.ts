import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { loadEvent } from '../../events/index.ts';
import { loadAnyEvent } from '../../events/load-any-event.ts';
import type { InvocationRecord } from '../../runtime/invocation.ts';
import { formatInvocation } from '../format-invocation.ts';
import type { LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';
import { functionsNamed, recycle } from '../recycle-functions.ts';

interface InvokeOptions {
  repeat: number;
  concurrency: number;
  timeout?: number;
  initTimeout?: number;
  memory?: number;
  reserved?: number;
  unbundled?: boolean;
  json?: boolean;
  handler?: string;
  export?: string;
  logFormat?: 'Text' | 'JSON';
  cold?: boolean;
}

/** The JSON Lines contract of `lab invoke --json` (DESIGN.md): the record without its log lines. */
export function invocationJson(record: InvocationRecord): string {
  const { logs: _logs, ...json } = record;
  return JSON.stringify(json);
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
    .argument('<event>', 'a sample name from "events", or a path to a JSON event')
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
    .option('--unbundled', 'run the tsc output instead of the esbuild bundle')
    .option('--json', 'one JSON object per invocation on stdout, nothing else')
    .option('--handler <file>', 'run your own handler module (.mjs, .js, .cjs, .ts) instead of the lab app')
    .option('--export <name>', 'the export of --handler to call', 'handler')
    .option('--log-format <format>', "the function's LogFormat: text or json (its own lines as JSON)", logFormat)
    .option(
      '--cold',
      'lab only: retire the warm environments of this function first (as a deployment does): the first call is cold',
    )
    .action(async (eventName: string, options: InvokeOptions) => {
      // Any JSON for a learner's handler: an SQS or EventBridge function is a Lambda function too.
      const event = options.handler
        ? await loadAnyEvent(eventName, io.cwd)
        : (await loadEvent(eventName, io.cwd)).event;
      const fn = await lab.function({
        ...(options.handler
          ? { handler: resolve(io.cwd ?? process.cwd(), options.handler), handlerExport: options.export ?? 'handler' }
          : {}),
        ...(options.timeout ? { timeoutMs: options.timeout } : {}),
        ...(options.initTimeout ? { initTimeoutMs: options.initTimeout } : {}),
        ...(options.logFormat ? { logFormat: options.logFormat } : {}),
        ...(options.memory ? { memoryMb: options.memory } : {}),
        ...(options.reserved ? { reservedConcurrency: options.reserved } : {}),
        ...(options.unbundled ? { unbundled: true } : {}),
      });
      // What a lesson's "only the first call is cold" needs whatever ran before: `recycle --function`
      // for this name, every setting of it (`--memory`, `--unbundled` are versions of one function).
      if (options.cold) await recycle(functionsNamed(fn.settings.functionName));
      for (let round = 0; round < options.repeat && !io.signal?.aborted; round++) {
        const records = await Promise.all(Array.from({ length: options.concurrency }, () => fn.invoke(event)));
        for (const record of records) {
          if (options.json) {
            io.out(invocationJson(record) + '\n');
            for (const line of record.logs) io.err(line + '\n');
          } else {
            io.out(formatInvocation(io, record) + '\n');
          }
        }
      }
    });
}
