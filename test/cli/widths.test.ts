// Every command's output at the widths a learner's terminal has: 40 (a phone), 72 (a lesson's
// terminal at 1280 px), 120 (a wide shell). No line may be wider, measured as the terminal
// shows it (test/support/visible-width.ts: colour stripped, Hangul two columns, tabs to 8), and
// prose folds at word boundaries: every word that fits on a line arrives whole.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { budgetHead, budgetStory } from '../../lab/cli/commands/budget.ts';
import { checkVerdict } from '../../lab/cli/commands/check.ts';
import { idleHead, idleStory } from '../../lab/cli/commands/idle.ts';
import { leakHead, leakStory } from '../../lab/cli/commands/leak.ts';
import { retryHead, retryStory } from '../../lab/cli/commands/retry.ts';
import { stormHead, stormStory } from '../../lab/cli/commands/storm.ts';
import type { LabIO } from '../../lab/cli/io.ts';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { fitToWidth } from '../../lab/cli/layout.ts';
import { runCommand } from '../../lab/cli/program.ts';
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';
import { runChecks, type CheckResult } from '../../lab/exercises-runner/run-check.ts';
import type { ConformanceRow } from '../../lab/mapping-inspector/conformance.ts';
import { formatConformance } from '../../lab/mapping-inspector/format.ts';
import type { BudgetResult } from '../../lab/scenarios/budget.ts';
import type { IdleResult } from '../../lab/scenarios/idle.ts';
import type { LeakResult } from '../../lab/scenarios/leak.ts';
import type { RetryResult } from '../../lab/scenarios/retry.ts';
import type { StormResult } from '../../lab/scenarios/storm.ts';
import { visibleWidth, widerThan } from '../support/visible-width.ts';

const WIDTHS = [40, 72, 120] as const;
let lab: LabContext;
const previousUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  lab = new LabContext();
});
afterAll(async () => {
  await lab.close();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
});

function capture(columns: number): LabIO & { text: string } {
  const io = {
    text: '',
    color: true,
    columns,
    out: (t: string) => void (io.text += t),
    err: (t: string) => void (io.text += t),
  };
  return io;
}

async function run(args: string[], columns: number): Promise<string> {
  const io = capture(columns);
  await runCommand(args, io, lab);
  return io.text;
}

function expectFits(text: string, width: number): void {
  expect(text.trim().length).toBeGreaterThan(0);
  expect(widerThan(text, width)).toEqual([]);
}

/** Words as a terminal shows them (no colour). */
function words(text: string): string[] {
  return text
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Prose at `width` has the same words as at a width where nothing folds: none was split. A word
 * that cannot fit behind a line's indent (a 36-character request id at 40 columns) may be cut.
 */
function expectWholeWords(narrow: string, wide: string, width: number): void {
  const kept = new Set(words(narrow));
  for (const word of words(wide)) if (visibleWidth(word) <= width - 8) expect(kept, word).toContain(word);
}

describe.each(WIDTHS)('at %i columns', (width) => {
  it('help, a command help, events and hint fit', async () => {
    for (const args of [['--help'], ['invoke', '--help'], ['events'], ['hint', '01'], ['solution', '01']]) {
      const text = await run(args, width);
      expectFits(text, width);
      if (args[0] !== '--help' && args[0] !== 'invoke') expectWholeWords(text, await run(args, 1000), width);
    }
  });

  it('invoke (its REPORT line too), containers and map fit', async () => {
    expectFits(await run(['invoke', 'apigw-v2-get'], width), width);
    expectFits(await run(['containers'], width), width);
    for (const sample of ['apigw-v1-get', 'alb-multi-value', 'apigw-v2-named-stage'])
      expectFits(await run(['map', sample], width), width);
  }, 120_000);
});

it('map keeps each value under its own heading at 120 columns', async () => {
  const text = (await run(['map', 'apigw-v2-named-stage'], 120)).replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n');
  const head = lines.find((l) => l.includes('lab handler: Nest / client'));
  expect(head, text).toBeDefined();
  if (!head) return;
  const at = head.indexOf('lab handler: Nest / client');
  expect(at).toBeGreaterThan(0);
  const path = lines.find((l) => l.startsWith('path'))!;
  // The lab handler's path (without the stage) starts exactly under its heading.
  expect(path.slice(at).trimEnd()).toBe('/echo/stage');
});

it('map stacks its rows on a 40-column terminal, one "heading: value" line each', async () => {
  const text = (await run(['map', 'apigw-v2-named-stage'], 40)).replace(/\u001b\[[0-9;]*m/g, '');
  expect(text).toMatch(/^lab handler: Nest \/ client: \/echo\/stage$/m);
});

it('conformance fits at every width', async () => {
  const json = capture(200);
  await runCommand(['conformance', '--json'], json, lab);
  const rows = JSON.parse(json.text) as ConformanceRow[];
  for (const width of WIDTHS) {
    const io = fitToWidth(capture(width));
    expectFits(formatConformance(io, rows), width);
  }
}, 300_000);

describe('the scenarios and check', () => {
  /** A scenario's result (--json), then its story printed at every width as the command prints it. */
  async function scenario<R>(args: string[]): Promise<R> {
    const io = capture(200);
    expect(await runCommand([...args, '--json'], io, lab)).toBe(0);
    return JSON.parse(io.text.trim().split('\n').at(-1)!) as R;
  }
  function printed(width: number, print: (io: LabIO) => string): string {
    const raw = capture(width);
    const io = fitToWidth(raw);
    io.out(print(io));
    return raw.text;
  }
  function expectStoryFits(print: (io: LabIO) => string): void {
    // The reference: as written for a terminal too wide to fold anything, before any fitting.
    const wide = print(capture(1000));
    for (const width of WIDTHS) {
      const text = printed(width, print);
      expectFits(text, width);
      expectWholeWords(text, wide, width);
    }
  }

  it('storm, leak, idle, budget and retry tell their stories within the width', async () => {
    const storm = await scenario<StormResult>(['storm', '--containers', '3', '--limit', '2', '--waves', '1']);
    expectStoryFits((io) => `${stormHead(io, 'buggy', 3, 1)}\n${stormStory(io, storm)}`);
    const leak = await scenario<LeakResult>(['leak', '--cost-calls', '2']);
    expectStoryFits((io) => `${leakHead(io, 'buggy')}\n${leakStory(io, leak)}`);
    const idle = await scenario<IdleResult>(['idle', '--frozen', '1200']);
    expectStoryFits(
      (io) =>
        `${idleHead(io, { variant: 'buggy', drop: 'server', serverIdle: 1000, networkIdle: 1000 })}\n${idleStory(io, idle)}`,
    );
    const budget = await scenario<BudgetResult>(['budget']);
    expectStoryFits((io) => `${budgetHead(io, 'buggy', 3000)}\n${budgetStory(io, budget)}`);
    const retry = await scenario<RetryResult>(['retry']);
    expectStoryFits((io) => `${retryHead(io, 'buggy')}\n${retryStory(io, retry)}`);
  }, 240_000);

  it("a scenario's live step lines fit too (storm, as it runs)", async () => {
    for (const width of WIDTHS) {
      const io = capture(width);
      await runCommand(['storm', '--containers', '2', '--limit', '4', '--waves', '2'], io, lab);
      expect(io.text).toContain('wave 2 of 2');
      expectFits(io.text, width);
    }
  }, 120_000);

  it("a failing check's message and hint fold once, at the width, with whole words", async () => {
    const [exercise] = loadManifest();
    const { url } = await lab.database();
    const { results } = await runChecks([exercise!], { source: 'starters', databaseUrl: url });
    const result: CheckResult = results[0]!;
    expect(result.passed).toBe(false);
    expectStoryFits((io) => checkVerdict(io, result, true));
  }, 180_000);
});
