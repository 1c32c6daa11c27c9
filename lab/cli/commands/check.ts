import { CommanderError, type Command } from 'commander';
import { join } from 'node:path';
import {
  findExercise,
  learnerFolder,
  loadManifest,
  numberOf,
  type Exercise,
  type ExerciseSource,
} from '../../exercises-runner/manifest.ts';
import { readProgress, recordCheck } from '../../exercises-runner/progress.ts';
import { progressSummary } from '../../exercises-runner/progress-summary.ts';
import { watchChecks } from './check-watch.ts';
import type { WarmChecks } from '../../exercises-runner/warm-checks.ts';
import { runChecks, type CheckResult } from '../../exercises-runner/run-check.ts';
import { LabUsageError, paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { outputWidth, wrap } from '../layout.ts';
import { LiveLines, progressBar } from '../live-lines.ts';
import { exerciseArgument } from '../arguments.ts';
import { displayPath } from '../display-path.ts';

/** `lab check [name]`: the learner's loop. Run the exercise's tests, read one failure and the hint. */
export function registerCheck(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('check')
    .description('check your exercise (all of them without a name) through the local Lambda')
    .addArgument(exerciseArgument({ optional: true }))
    .option('--watch', "check again on every save of the exercise's files, until Ctrl-C")
    .action(async (name: string | undefined, options: { watch?: boolean }) => {
      if (options.watch) return watchChecks(io, lab, name === undefined ? undefined : exerciseNamed(name));
      const exercises = name ? [exerciseNamed(name)] : loadManifest();
      const passed = await checkAndReport(io, lab, exercises);
      if (passed < exercises.length) throw new CommanderError(1, 'lab.checkFailed', '');
    });
}

/** Runs the checks of `exercises`, records and prints each verdict and where the learner stands; returns how many passed. */
export async function checkAndReport(
  io: LabIO,
  lab: LabContext,
  exercises: Exercise[],
  /** The watch's warm runner; a one-off check starts a vitest of its own. */
  warm?: WarmChecks,
): Promise<number> {
  const source = checkSource();
  const what = exercises.length === 1 ? `${exercises[0]!.id}` : `${exercises.length} exercises`;
  io.out(
    paint(io, 'dim', `checking ${what} (${source === 'exercises' ? 'your files' : `lab check source: ${source}`}) …\n`),
  );
  const { url: databaseUrl } = await lab.database();
  // Each verdict as its file finishes; with several exercises, a progress line below them.
  const live = new LiveLines(io);
  const startedAt = Date.now();
  const shown = new Set<string>();
  const progress = () =>
    exercises.length > 1 &&
    live.progress(`${progressBar(shown.size, exercises.length)} checked, ${seconds(Date.now() - startedAt)}`);
  progress();
  const ticker = exercises.length > 1 ? setInterval(progress, 1_000) : undefined;
  let run: Awaited<ReturnType<typeof runChecks>>;
  try {
    run = warm
      ? await warm.run(exercises, io.signal)
      : await runChecks(exercises, {
          source,
          databaseUrl,
          ...(io.signal ? { signal: io.signal } : {}),
          onResult: (result) => {
            if (shown.has(result.exercise.id)) return;
            shown.add(result.exercise.id);
            live.line(checkVerdict(io, result, exercises.length === 1));
          },
        });
  } finally {
    clearInterval(ticker);
    live.done();
  }
  if (io.signal?.aborted) return 0;
  for (const result of run.results) {
    if (source === 'exercises') {
      recordCheck(result.exercise.id, result.passed, result.failure?.check ?? null, undefined, (line) =>
        io.err(`${paint(io, 'yellow', 'lab:')} ${line}\n`),
      );
    }
    // The report at the end has every exercise; those the stream already showed are not repeated.
    if (!shown.has(result.exercise.id)) io.out(checkVerdict(io, result, exercises.length === 1) + '\n');
  }
  const passed = run.results.filter((r) => r.passed).length;
  if (exercises.length > 1) {
    const style = passed === exercises.length ? 'green' : 'yellow';
    io.out(
      paint(io, style, `${passed}/${exercises.length} passed`) +
        paint(io, 'dim', ` in ${seconds(run.durationMs)}`) +
        '\n',
    );
  }
  // Where the learner stands is theirs: a check of the reference copies records nothing.
  if (source === 'exercises') io.out(standing(io, exercises.length === 1 ? exercises[0]!.id : undefined) + '\n');
  return passed;
}

/** "progress 5/10 · next: 06 Event mapping (lesson /06-event-mapping/): `check 06`", from the progress file. */
export function standing(io: LabIO, after?: string): string {
  const progress = readProgress(undefined, (line) => io.err(`${paint(io, 'yellow', 'lab:')} ${line}\n`));
  const entries = loadManifest().map((exercise) => ({
    ...exercise,
    status: progress.exercises[exercise.id]?.status ?? ('unchecked' as const),
  }));
  const { passed, total, next } = progressSummary(entries, after);
  const count = paint(io, passed === total ? 'green' : 'bold', `progress ${passed}/${total}`);
  if (!next) return `${count} · every exercise passes`;
  const n = numberOf(next.id);
  return `${count} · next: ${n} ${next.title} ${paint(io, 'dim', `(lesson /${next.lesson}/): \`check ${n}\``)}`;
}

export function exerciseNamed(name: string): Exercise {
  const exercises = loadManifest();
  const exercise = findExercise(name, exercises);
  if (!exercise) {
    throw new LabUsageError(`No exercise "${name}". The exercises are: ${exercises.map((e) => e.id).join(', ')}.`);
  }
  return exercise;
}

/** The learner's folder; LAB_CHECK_SOURCE=solutions|starters checks the reference copies instead. */
export function checkSource(): ExerciseSource {
  const source = process.env.LAB_CHECK_SOURCE ?? 'exercises';
  if (source !== 'exercises' && source !== 'solutions' && source !== 'starters') {
    throw new LabUsageError(`LAB_CHECK_SOURCE must be exercises, solutions or starters (got "${source}").`);
  }
  return source;
}

/** One exercise's verdict: passed, or the failure, the hint and what to do next. */
export function checkVerdict(io: LabIO, result: CheckResult, detailed: boolean): string {
  const { exercise } = result;
  const width = outputWidth(io);
  const head = `${numberOf(exercise.id)} ${exercise.title}`;
  const time = result.durationMs ? paint(io, 'dim', `(${seconds(result.durationMs)})`) : '';
  if (result.passed) {
    const lines = [
      `${paint(io, 'green', '✓')} ${head}: passed, ${result.passedChecks}/${result.checks} checks ${time}`,
    ];
    if (detailed)
      lines.push(
        `  ${paint(io, 'dim', `\`lab solution ${numberOf(exercise.id)}\` shows your files against the reference solution.`)}`,
      );
    return lines.join('\n');
  }
  const failure = result.failure!;
  const lines = [
    failure.kind === 'build'
      ? `${paint(io, 'red', '✗')} ${head}: ${failure.check} ${time}`
      : `${paint(io, 'red', '✗')} ${head}: ${result.passedChecks}/${result.checks} checks passed${notRunYet(result)} ${time}`,
    ...(failure.kind === 'check' ? [`  ${paint(io, 'bold', `✗ ${failure.check}`)}`] : []),
    // The message as the check wrote it, folded once, here, at the terminal's width.
    ...wrap(failure.message, width, { indent: 4 }),
    ...wrap(`${paint(io, 'cyan', 'hint:')} ${exercise.hint}`, width, { indent: 2, hanging: 4 }),
    // The hint's first step only: the second is one command away, for when this is not enough.
    `  ${paint(io, 'dim', `(\`lab hint ${numberOf(exercise.id)}\` says more)`)}`,
  ];
  if (detailed) {
    const files = exercise.files.map((f) => displayPath(join(learnerFolder(exercise.id), f))).join(', ');
    lines.push(
      `  ${paint(io, 'dim', `lesson /${exercise.lesson}/ · edit ${files} · then \`check ${numberOf(exercise.id)}\` again`)}`,
    );
  }
  return lines.join('\n');
}

/** The checks after the first failure are not run (support.ts stops there): say how many wait. */
function notRunYet(result: CheckResult): string {
  const waiting = result.checks - result.passedChecks - 1;
  return waiting > 0 ? ` (${waiting} not run yet)` : '';
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
