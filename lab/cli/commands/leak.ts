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
import { runLeak, type CallCheck, type LeakResult } from '../../scenarios/leak.ts';
import { paint, type LabIO } from '../io.ts';
import { outputWidth, pad } from '../layout.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';
import { formatMs } from '../../milliseconds.ts';

interface LeakCommandOptions {
  variant: Variant;
  costCalls: number;
  json?: boolean;
}

export function registerLeak(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('leak')
    .description("request-only state: does a warm container answer one caller with another caller's identity?")
    .option(
      '--variant <variant>',
      'buggy (a singleton holds the user) or fixed (AsyncLocalStorage)',
      parseVariant,
      'buggy',
    )
    .option(
      '--cost-calls <n>',
      'warm calls per provider to measure what REQUEST scope costs (0 skips it)',
      intInRange(0, 1000),
      40,
    )
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: LeakCommandOptions) => {
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        (live) =>
          runLeak({
            databaseUrl: db.url,
            variant: options.variant,
            costCalls: options.costCalls,
            ...stepsTo(live),
            ...(io.signal ? { signal: io.signal } : {}),
          }),
        (result) => leakStory(io, result),
        leakHead(io, options.variant),
      );
    });
}

export function leakHead(io: LabIO, variant: Variant): string {
  return `${paint(io, 'bold', `lab leak --variant ${variant}`)}: GET /me, identity from "Authorization: Bearer <name>"`;
}

/** The story after its head (printed first) and the steps (printed as they happened). */
export function leakStory(io: LabIO, r: LeakResult): string {
  const lines: string[] = [];
  const width = outputWidth(io);
  const onDemandContainer = short(r.onDemand[0]?.containerId);
  lines.push('');
  lines.push(`On-demand Lambda, one warm container (${onDemandContainer}), frozen between calls:`);
  r.onDemand.forEach((check, i) => lines.push(callLine(io, i + 1, check, width)));
  for (const stray of r.strayWork) {
    lines.push(
      `     ${paint(io, 'red', 'stray work:')} "${stray.message}" started by ${short(stray.startedBy)} ran during ${short(stray.ranDuring)}, after the thaw`,
    );
  }
  lines.push('');
  lines.push(
    `Managed Instances, one environment serving 2 requests at once (${short(r.managedInstances[0]?.containerId)}):`,
  );
  r.managedInstances.forEach((check, i) => lines.push(callLine(io, r.onDemand.length + i + 1, check, width)));
  const leaks = [...r.onDemand, ...r.managedInstances].filter((c) => c.leaked).length;
  lines.push('');
  lines.push(
    `Leak detector: ${leaks} of ${r.onDemand.length + r.managedInstances.length} answers belong to another request; ${r.strayWork.length} log line(s) written by another invocation's work.`,
  );
  const cost = r.requestScopeCost;
  if (cost) {
    lines.push(
      `Cost of REQUEST scope (${cost.warmCalls} warm calls each, median Duration): singleton + AsyncLocalStorage ${formatMs(cost.singletonMedianMs, 2)}, ` +
        `REQUEST-scoped ${formatMs(cost.requestScopedMedianMs, 2)} (${cost.extraMs >= 0 ? '+' : ''}${formatMs(cost.extraMs, 2)}, ${cost.extraPercent >= 0 ? '+' : ''}${cost.extraPercent}%).`,
    );
  }
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? 'request state lives in the invocation (AsyncLocalStorage), and no work outlives the response.'
      : 'a singleton outlives the request: keep request state per invocation (AsyncLocalStorage or REQUEST scope) and await all work before returning.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.requestScope, LESSONS.reuseMap]);
}

function callLine(io: LabIO, n: number, c: CallCheck, width: number): string {
  const who = c.sent.user ?? 'anonymous';
  // Aligned in a column on a wide terminal; on a narrow one the answer folds under the label.
  const label = pad(`${n}. ${c.step}`, Math.min(40, Math.floor(width / 2)));
  if (!c.answered) return `  ${label} -> ${paint(io, 'red', 'no answer')}`;
  const answeredAs = c.answered.user ?? 'anonymous';
  const idsMatch = c.answered.awsRequestId === c.sent.awsRequestId && c.answered.apiRequestId === c.sent.apiRequestId;
  const text = `answered as ${answeredAs}${idsMatch ? ', its own request ids' : `, with request ids ${short(c.answered.awsRequestId)} / ${c.answered.apiRequestId}`}`;
  return `  ${label} -> ${c.leaked ? paint(io, 'red', `${text}  LEAK (sent as ${who}, ${short(c.sent.awsRequestId)})`) : paint(io, 'green', text)}`;
}
