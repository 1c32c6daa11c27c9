// Checks for `lab check --watch`: the same vitest files, report and verdicts as runChecks, but
// through one vitest process kept open for the whole watch (warm-runner-process.ts), so a check
// after a save skips vitest's start, and with the exercise built warm here in the lab while the
// test file starts (warm-build.ts), so the file skips its build. Started on the first check; one
// that died is started again.
import { fork, type ChildProcess } from 'node:child_process';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Exercise, ExerciseSource } from './manifest.ts';
import { checkEnv, readReport, reportPath, testFileOf, type CheckRun } from './run-check.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { PREBUILT_ENV, WarmBuilds } from './warm-build.ts';

const PROCESS = fileURLToPath(new URL('./warm-runner-process.ts', import.meta.url));

type Reply = { type: 'ready' } | { type: 'done'; error?: string };

export class WarmChecks {
  private readonly options: { source: ExerciseSource; databaseUrl?: string };
  private runner: { child: ChildProcess; report: string; ready: Promise<void>; output: string[] } | undefined;
  private readonly builds: WarmBuilds;

  constructor(options: { source: ExerciseSource; databaseUrl?: string }) {
    this.options = options;
    this.builds = new WarmBuilds(options.source);
  }

  async run(exercises: Exercise[], signal?: AbortSignal): Promise<CheckRun> {
    const startedAt = performance.now();
    for (const exercise of exercises) await this.builds.prepare(exercise);
    // The builds go on while vitest starts the files (and, on the first check, vitest itself):
    // each file's beforeAll waits for its build, so neither waits for the other to begin.
    const building = (async () => {
      for (const exercise of exercises) {
        if (signal?.aborted) return;
        await this.builds.build(exercise);
      }
    })();
    building.catch(() => {}); // awaited below, after the run: a failure must not go unhandled meanwhile
    const runner = await this.start();
    if (signal?.aborted) throw new Error('the check was cancelled');
    const files = exercises.map((e) => relative(REPO_ROOT, testFileOf(e)));
    const error = await new Promise<string | undefined>((resolve) => {
      const onReply = (reply: Reply) => {
        if (reply.type !== 'done') return;
        done();
        resolve(reply.error);
      };
      const onExit = () => {
        done();
        resolve(`the check runner ended:\n${runner.output.join('').trim().split('\n').slice(-10).join('\n')}`);
      };
      // Ctrl-C mid-check: the runner goes with the watch (its checks are half-way, nothing to keep).
      const onAbort = () => this.stop();
      const done = () => {
        runner.child.off('message', onReply);
        runner.child.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      runner.child.on('message', onReply);
      runner.child.once('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      runner.child.send({ type: 'run', files });
    });
    await building;
    if (error) throw new Error(error);
    const results = await readReport(runner.report, exercises, runner.output.join(''), 'a warm run');
    runner.output.length = 0;
    // A check's time, as a cold check's file reports it, includes its build: here the build ran
    // beside the file, so the time is the run's, from the save's build to the last verdict.
    const durationMs = Math.round(performance.now() - startedAt);
    if (results.length === 1 && results[0]!.durationMs) results[0]!.durationMs = durationMs;
    return { results, durationMs };
  }

  /** Ends the runner: vitest closes (its global setup's teardown runs), then the process exits. */
  stop(): void {
    void this.builds.dispose();
    const runner = this.runner;
    this.runner = undefined;
    if (!runner || runner.child.exitCode !== null) return;
    runner.child.send({ type: 'close' });
    const kill = setTimeout(() => runner.child.kill('SIGTERM'), 10_000);
    kill.unref();
    runner.child.once('exit', () => clearTimeout(kill));
  }

  private async start(): Promise<NonNullable<WarmChecks['runner']>> {
    if (this.runner && this.runner.child.exitCode === null && this.runner.child.connected) {
      await this.runner.ready;
      return this.runner;
    }
    const report = await reportPath();
    const child = fork(PROCESS, [], {
      cwd: REPO_ROOT,
      env: { ...checkEnv(this.options), LAB_WARM_REPORT: report, [PREBUILT_ENV]: this.builds.name },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const output: string[] = [];
    // Kept only for a failure's message: the last lines tell what went wrong.
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (reply: Reply) => reply.type === 'ready' && resolve());
      child.once('exit', (code) =>
        reject(
          new Error(
            `the check runner did not start (exit ${code}):\n${output.join('').trim().split('\n').slice(-10).join('\n')}`,
          ),
        ),
      );
    });
    ready.catch(() => {}); // Awaited below; a later exit must not be an unhandled rejection.
    this.runner = { child, report, ready, output };
    await ready;
    return this.runner;
  }
}
