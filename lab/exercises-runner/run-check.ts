import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Exercise, ExerciseSource } from './manifest.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { STREAM_PREFIX } from './check-stream-reporter.ts';

export const EXERCISE_TESTS_DIR = join(REPO_ROOT, 'test', 'exercises');
export const VITEST = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
export const CONFIG = join(REPO_ROOT, 'vitest.exercises.config.ts');
const STREAM_REPORTER = join(REPO_ROOT, 'lab', 'exercises-runner', 'check-stream-reporter.ts');
/** Set to 1: each test file skips the checks after its first failed one (test/exercises/support.ts). */
export const CHECK_BAIL_ENV = 'LAB_CHECK_BAIL';
/** A whole run may not take longer than this (one exercise takes seconds). */
const RUN_LIMIT_MS = 5 * 60_000;

export function testFileOf(exercise: Exercise): string {
  return join(EXERCISE_TESTS_DIR, `${exercise.id}.test.ts`);
}

export interface CheckFailure {
  /** A behaviour check failed, or the exercise never got that far (it does not compile, or the file did not run). */
  kind: 'check' | 'build';
  /** The failing check's title, e.g. "shares one bootstrap between calls that arrive together". */
  check: string;
  /** What went wrong, in the test's own plain words (no stack). */
  message: string;
}

export interface CheckResult {
  exercise: Exercise;
  passed: boolean;
  checks: number;
  passedChecks: number;
  /** The first failure, in the order the checks are written. */
  failure: CheckFailure | null;
  /** How long vitest spent on this exercise's file (its build and its checks). */
  durationMs: number;
}

export interface CheckRun {
  results: CheckResult[];
  durationMs: number;
}

interface JsonAssertion {
  title: string;
  status: string;
  failureMessages?: string[];
}

interface JsonFileResult {
  name: string;
  status: string;
  startTime?: number;
  endTime?: number;
  message?: string;
  assertionResults: JsonAssertion[];
}

/**
 * Runs the exercises' vitest files in one vitest process, against one copy of them
 * (LAB_EXERCISE_SOURCE), and reads its JSON report back into verdicts.
 */
export async function runChecks(
  exercises: Exercise[],
  options: {
    source: ExerciseSource;
    signal?: AbortSignal;
    overlay?: string;
    databaseUrl?: string;
    /** Each exercise's result as soon as its file has run (in the order they finish). */
    onResult?: (result: CheckResult) => void;
    /**
     * Skip the checks written after a failed one (CHECK_BAIL_ENV): the meta-test's wrong mutants,
     * whose verdict is their first failure. Not vitest's --bail, which also cancels checks already
     * running beside the failed one (a file's checks at once, describe.concurrent): this keeps the
     * first failure in written order the same as without it. Not for a learner: `passedChecks`
     * counts only the checks that ran.
     */
    bail?: boolean;
  },
): Promise<CheckRun> {
  const startedAt = performance.now();
  const report = await reportPath();
  const args = [
    VITEST,
    'run',
    '--config',
    CONFIG,
    '--reporter=json',
    `--outputFile.json=${report}`,
    `--reporter=${STREAM_REPORTER}`,
    ...exercises.map((e) => relative(REPO_ROOT, testFileOf(e))),
  ];
  const streamed = (json: string) => {
    if (!options.onResult) return;
    let file: JsonFileResult;
    try {
      file = JSON.parse(json) as JsonFileResult;
    } catch {
      return; // a torn line: the report at the end still has it
    }
    const exercise = exercises.find((e) => testFileOf(e) === file.name);
    if (exercise) options.onResult(toResult(exercise, file));
  };
  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...checkEnv(options), ...(options.bail ? { [CHECK_BAIL_ENV]: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith(STREAM_PREFIX)) streamed(line.slice(STREAM_PREFIX.length));
        else text += `${line}\n`;
        newline = pending.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const stop = () => child.kill('SIGTERM');
    const limit = setTimeout(stop, RUN_LIMIT_MS);
    options.signal?.addEventListener('abort', stop, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(limit);
      options.signal?.removeEventListener('abort', stop);
      resolve({ code, text });
    });
  });
  const results = await readReport(report, exercises, output.text, `exit ${output.code}`);
  return { results, durationMs: Math.round(performance.now() - startedAt) };
}

/** Where one run's JSON report goes: a fresh temporary file. */
export async function reportPath(): Promise<string> {
  const reportDir = join(tmpdir(), 'boundary-lab-checks');
  await mkdir(reportDir, { recursive: true });
  return join(reportDir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
}

/** The environment of a vitest run of the checks: which copy it checks, and the lab's database. */
export function checkEnv(options: {
  source: ExerciseSource;
  overlay?: string;
  databaseUrl?: string;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LAB_EXERCISE_SOURCE: options.source,
    // A mutant (the meta-test): its files over the solution, named relative to the repo.
    ...(options.overlay ? { LAB_EXERCISE_OVERLAY: relative(REPO_ROOT, options.overlay) } : {}),
    // The lab's own database: a check needs no second PostgreSQL of its own.
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  // A check started from inside a vitest run (the meta-test) is a run of its own.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

/** A run's JSON report read back into one verdict per exercise (and removed). */
export async function readReport(
  report: string,
  exercises: Exercise[],
  outputText: string,
  ended: string,
): Promise<CheckResult[]> {
  let parsed: { testResults: JsonFileResult[] };
  try {
    parsed = JSON.parse(await readFile(report, 'utf8')) as { testResults: JsonFileResult[] };
  } catch {
    const tail = outputText.trim().split('\n').slice(-15).join('\n');
    throw new Error(`vitest ended (${ended}) without a report:\n${tail}`);
  } finally {
    await rm(report, { force: true });
  }
  return exercises.map((exercise) => {
    const file = parsed.testResults.find((r) => r.name === testFileOf(exercise));
    return file ? toResult(exercise, file) : missing(exercise, outputText);
  });
}

function toResult(exercise: Exercise, file: JsonFileResult): CheckResult {
  const checks = file.assertionResults;
  const failed = checks.find((c) => c.status === 'failed');
  const passedChecks = checks.filter((c) => c.status === 'passed').length;
  let failure: CheckFailure | null = null;
  const message = failed
    ? plainMessage(failed.failureMessages?.[0] ?? 'failed')
    : plainMessage(file.message ?? 'did not run');
  if (/ does not compile:/.test(message)) failure = { kind: 'build', check: 'it does not compile', message };
  else if (failed) failure = { kind: 'check', check: failed.title, message };
  else if (file.status !== 'passed') failure = { kind: 'build', check: 'the checks could not run', message };
  else if (checks.length === 0)
    failure = { kind: 'build', check: 'the checks could not run', message: 'ran no checks' };
  const durationMs = file.startTime && file.endTime ? Math.round(file.endTime - file.startTime) : 0;
  return { exercise, passed: failure === null, checks: checks.length, passedChecks, failure, durationMs };
}

function missing(exercise: Exercise, text: string): CheckResult {
  const message = text.trim().split('\n').slice(-5).join('\n') || 'vitest did not run it';
  return {
    exercise,
    passed: false,
    checks: 0,
    passedChecks: 0,
    failure: { kind: 'build', check: 'the checks could not run', message },
    durationMs: 0,
  };
}

/** The error's own words: no stack, no error class for our plain-words checks, no internal path. */
export function plainMessage(raw: string): string {
  const withoutStack = raw.split(/\n\s+at /)[0] ?? raw;
  return learnerPaths(withoutStack.replace(/^ExerciseCheck: /, '').trim());
}

/**
 * Paths as the learner knows them: relative to the repository, and a build's staged or bundled
 * copy (`.lab/build/exercises/01/bundle/.lab/build/exercises/01/src/lab/exercises/01-…/handler.mjs`)
 * named by the source it came from (`lab/exercises/01-…/handler.ts`).
 */
export function learnerPaths(text: string): string {
  return text
    .replaceAll(`file://${REPO_ROOT}/`, '')
    .replaceAll(`${REPO_ROOT}/`, '')
    .replace(/(?:\.lab\/build\/[^\s'"():]*?\/src\/)+(lab\/[^\s'"():]+?)\.(?:mjs|js|ts)\b/g, '$1.ts');
}
