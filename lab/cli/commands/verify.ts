import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { relative, resolve } from 'node:path';
import type { LabIO } from '../io.ts';
import { LabUsageError } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { parseDoors, type Door } from '../../verify/doors.ts';
import type { Identity } from '../../verify/request-state.ts';
import { reportJson, reportText } from '../../verify/report.ts';
import { parseQuestions, type QuestionId } from '../../verify/verdict.ts';
import { parseIdentity, verify, VerifyInputError } from '../../verify/verify.ts';

interface VerifyCommandOptions {
  handler: string;
  export: string;
  events?: string;
  identity: string[];
  frontDoor: string[];
  question: string[];
  env: string[];
  json?: boolean;
}

/** Exit code 1: the verification ran and at least one answer is no (2 stays a learner's input mistake). */
export const ANSWERED_NO = 'lab.verifyAnsweredNo';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function envPair(value: string, previous: string[]): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) throw new InvalidArgumentError(`expected NAME=value, got "${value}".`);
  return [...previous, value];
}

export function registerVerify(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('verify')
    .description(
      'answer the three verification questions for your own Nest handler (mapping, bootstrap, request state)',
    )
    .requiredOption(
      '--handler <file>',
      'your handler module: the built .js (e.g. dist/lambda.js), or a .ts the lab compiles',
    )
    .option('--export <name>', 'the export of --handler to call', 'handler')
    .option('--events <dir>', "a folder of your JSON events: their front doors and callers' Authorization headers")
    .option('--identity <header=value>', 'a caller, e.g. "authorization=Bearer alice" (repeat for each)', collect, [])
    .option(
      '--front-door <door>',
      'rest, http, url or alb (repeat, or comma-separated; default: all four)',
      collect,
      [],
    )
    .option(
      '--question <name>',
      'mapping, bootstrap or state (repeat, or comma-separated; default: all three)',
      collect,
      [],
    )
    .option(
      '--env <NAME=value>',
      "a variable of your function's environment (repeat), e.g. DATABASE_URL=…",
      envPair,
      [],
    )
    .option('--json', 'one JSON object on stdout, nothing else')
    .action(async (options: VerifyCommandOptions) => {
      const cwd = io.cwd ?? process.cwd();
      const handler = resolve(cwd, options.handler);
      let doors: Door[] | undefined;
      if (options.frontDoor.length > 0) {
        const parsed = parseDoors(options.frontDoor);
        if (typeof parsed === 'string')
          throw new LabUsageError(`--front-door "${parsed}": expected rest, http, url or alb`);
        doors = parsed;
      }
      let questions: QuestionId[] | undefined;
      if (options.question.length > 0) {
        const parsed = parseQuestions(options.question);
        if (typeof parsed === 'string')
          throw new LabUsageError(`--question "${parsed}": expected mapping, bootstrap or state`);
        questions = parsed;
      }
      const identities: Identity[] = [];
      for (const [i, value] of options.identity.entries()) {
        const parsed = parseIdentity(value, i);
        if (typeof parsed === 'string') throw new LabUsageError(`--identity: ${parsed}`);
        identities.push(parsed);
      }
      const environment = Object.fromEntries(
        options.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      let report;
      try {
        report = await verify({
          handler,
          exportName: options.export,
          ...(options.events ? { eventsDir: resolve(cwd, options.events) } : {}),
          identities,
          ...(doors ? { doors } : {}),
          ...(questions ? { questions } : {}),
          environment,
          labDatabaseUrl: async () => (await lab.database()).url,
          ...(io.signal ? { signal: io.signal } : {}),
        });
      } catch (error) {
        if (error instanceof VerifyInputError) throw new LabUsageError(error.message);
        throw error;
      }
      const shown = relative(cwd, handler) || handler;
      io.out(options.json ? reportJson(report) + '\n' : reportText(io, report, shown));
      if (report.answers.some((a) => a.verdict === 'no')) throw new CommanderError(1, ANSWERED_NO, '');
    });
}
