import { InvalidArgumentError } from 'commander';
import { paint, type LabIO } from '../cli/io.ts';
import { labelled, outputWidth } from '../cli/layout.ts';
import { LiveLines } from '../cli/live-lines.ts';
import { loadManifest, scenarioLessonPage } from '../exercises-runner/manifest.ts';

export type Variant = 'buggy' | 'fixed';
export const VARIANTS: readonly Variant[] = ['buggy', 'fixed'];

/** Commander parser for `--variant buggy|fixed`. */
export function parseVariant(value: string): Variant {
  if (value === 'buggy' || value === 'fixed') return value;
  throw new InvalidArgumentError(`expected "buggy" or "fixed", got "${value}".`);
}

const exercises = loadManifest();

/**
 * The lessons the scenarios point to: their pages on the workbook site. A scenario whose code is
 * an exercise takes its lesson from lab/exercises.json; the reuse map is no exercise's lesson.
 * `lab idle` has no exercise of its own and reads the pool's lesson, which storm's exercise names.
 */
export const LESSONS = {
  reuseMap: '/04-reuse-map/',
  requestScope: scenarioLessonPage('leak', exercises),
  dbPool: scenarioLessonPage('storm', exercises),
  timeoutBudgets: scenarioLessonPage('budget', exercises),
  retries: scenarioLessonPage('retry', exercises),
} as const;

/** The end of every story: the verdict, the one-line lesson, the page to read. */
export function verdictLines(io: LabIO, verdict: string, lesson: string, pages: string[]): string {
  const shown = verdict === 'ok' ? paint(io, 'green', 'ok') : paint(io, 'red', verdict);
  const width = outputWidth(io);
  // The lesson folds under itself, not under "lesson:".
  return (
    [
      ...labelled(paint(io, 'bold', 'verdict:'), shown, width),
      ...labelled(paint(io, 'bold', 'lesson:'), lesson, width, 8),
      ...labelled(paint(io, 'bold', 'read:'), pages.join(' and '), width, 8),
    ].join('\n') + '\n'
  );
}

/** What a scenario calls at each step, with a few plain words on what just happened. */
export type StepReporter = (text: string) => void;

/**
 * Runs a scenario for a command: `--json` prints the one result object, otherwise the story.
 * Ctrl-C (io.signal) stops the scenario, which shuts its containers down before this returns.
 */
export async function runScenarioCommand<R>(
  io: LabIO,
  json: boolean | undefined,
  run: (live: LiveLines | undefined) => Promise<R>,
  story: (result: R) => string,
  head?: string,
): Promise<void> {
  // Streamed: the head at once, each step as it happens, the story's numbers and verdict at the end.
  const live = json ? undefined : new LiveLines(io);
  if (live && head) live.line(head);
  let result: R;
  try {
    result = await run(live);
  } catch (error) {
    live?.done();
    if (io.signal?.aborted) {
      io.err("stopped: the scenario's containers are shut down.\n");
      return;
    }
    throw error;
  }
  live?.done();
  io.out(json ? JSON.stringify(result) + '\n' : story(result));
}

/** `{ onStep }` for a scenario's options when the command prints steps (not with --json). */
export function stepsTo(live: LiveLines | undefined): { onStep?: StepReporter } {
  return live ? { onStep: (text) => live.step(text) } : {};
}

export function short(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '-';
}
