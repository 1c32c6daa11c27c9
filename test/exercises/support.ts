import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { buildExercise, type ExerciseBuild } from '../../lab/exercises-runner/build-exercise.ts';
import { findExercise, type Exercise, type ExerciseSource } from '../../lab/exercises-runner/manifest.ts';
import { functionConfig, type FunctionConfig } from '../../lab/runtime/function-config.ts';
import { LocalFunction } from '../../lab/runtime/local-function.ts';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { prebuiltBuild } from '../../lab/exercises-runner/warm-build.ts';

/**
 * Which copy of the exercises a test run checks: `lab check` sets `exercises` (the learner's
 * folder), the meta-test sets `starters`; `npm test` leaves it unset and checks the solutions.
 */
export function exerciseSource(): ExerciseSource {
  const source = process.env.LAB_EXERCISE_SOURCE ?? 'solutions';
  if (source !== 'exercises' && source !== 'solutions' && source !== 'starters') {
    throw new Error(`LAB_EXERCISE_SOURCE must be exercises, solutions or starters (got "${source}").`);
  }
  return source;
}

/**
 * A mutant of the meta-test (test/exercises/mutants/<id>/<name>/): its files, laid over the
 * solution, are the copy under test. Relative to the repo; unset for every other run.
 */
export function exerciseOverlay(): string | undefined {
  const overlay = process.env.LAB_EXERCISE_OVERLAY;
  return overlay ? join(REPO_ROOT, overlay) : undefined;
}

export interface ExerciseLab {
  exercise: Exercise;
  source: ExerciseSource;
  /** A name for this copy under test, unique per mutant: the folder of a baseline built next to it. */
  copy: string;
  /** The build under test (set in beforeAll). */
  build(): ExerciseBuild;
  /** A function over the build, wired to the test database; shut down after each test. */
  fn(overrides?: Partial<FunctionConfig>): LocalFunction;
  /** A function over another build (a baseline), shut down after each test too. */
  fnFor(build: ExerciseBuild, overrides?: Partial<FunctionConfig>): LocalFunction;
}

/**
 * Builds the exercise once for the file, stops at its first failing check, and cleans up every
 * function a test starts: after each
 * test, or, for a file whose checks run at once (`concurrent`, with `describe.concurrent`), after
 * the file, since one test's end must not shut down the functions of another still running.
 */
export function exerciseLab(id: string, options: { concurrent?: boolean } = {}): ExerciseLab {
  const exercise = findExercise(id);
  if (!exercise) throw new Error(`No exercise "${id}" in lab/exercises.json.`);
  const source = exerciseSource();
  const overlay = exerciseOverlay();
  const copy = overlay ? `mutant-${basename(overlay)}` : source;
  let built: ExerciseBuild | undefined;
  const running: LocalFunction[] = [];

  beforeAll(async () => {
    // Under `lab check --watch` the lab builds it (warm) while this file starts: it only checks.
    built =
      (overlay ? undefined : await prebuiltBuild(exercise, copy)) ??
      (await buildExercise(exercise, source, copy, overlay));
  });
  // Stop at the first failure, as Rustlings does: `lab check` shows only the first failing check,
  // so the checks after it would make the learner (and every starter in `check`, and every wrong
  // mutant) wait for nothing. They are reported as not run, and the count says how many passed
  // before. Checks that run at once all start before any fails, so none of them is skipped.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip('an earlier check failed');
    context.onTestFailed(() => {
      failed = true;
    });
  });
  if (!options.concurrent) {
    afterEach(async () => {
      await Promise.all(running.splice(0).map((fn) => fn.shutdown()));
    });
  }
  afterAll(async () => {
    await Promise.all(running.splice(0).map((fn) => fn.shutdown()));
  });

  const fnFor = (build: ExerciseBuild, overrides: Partial<FunctionConfig> = {}): LocalFunction => {
    const fn = new LocalFunction(
      functionConfig({
        functionName: `exercise-${exercise.id.slice(0, 2)}`,
        handlerPath: build.bundledPath,
        // Generous, so a busy machine never fails a check by Lambda's 3 s default; exercise 09
        // sets its own, because there the timeout is the lesson.
        timeoutMs: 10_000,
        ...overrides,
        environment: { DATABASE_URL: inject('databaseUrl'), ...overrides.environment },
      }),
    );
    running.push(fn);
    return fn;
  };

  const build = (): ExerciseBuild => {
    if (!built) throw new Error('The exercise was not built (its beforeAll failed).');
    return built;
  };

  return { exercise, source, copy, build, fn: (overrides) => fnFor(build(), overrides), fnFor };
}

/**
 * A check's verdict in plain words: the message is what `lab check` prints, so it says what
 * happened and what was expected, never a diff of internals.
 */
export function expectBehaviour(ok: boolean, message: string): asserts ok {
  if (!ok) {
    const error = new Error(message);
    error.name = 'ExerciseCheck';
    throw error;
  }
}

export function countSpans(records: InvocationRecord[], name: string): number {
  return records.reduce((n, r) => n + r.spans.filter((s) => s.name === name).length, 0);
}

export function statusCode(record: InvocationRecord): number | undefined {
  return (record.result as { statusCode?: number } | null)?.statusCode;
}

/** One line about a record that did not answer 200, for a failure message. */
export function describeRecord(record: InvocationRecord): string {
  if (record.status !== 'ok') return `${record.status}: ${record.errorType ?? ''} ${record.errorMessage ?? ''}`.trim();
  return `HTTP ${statusCode(record)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
