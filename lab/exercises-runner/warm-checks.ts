// Checks for `lab check --watch`: the same vitest files, report and verdicts as runChecks, but
// through one vitest process kept open for the whole watch (warm-runner-process.ts), so a check
// after a save skips vitest's start. Started on the first check; one that died is started again.
import { fork, type ChildProcess } from 'node:child_process';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Exercise, ExerciseSource } from './manifest.ts';
import { checkEnv, readReport, reportPath, testFileOf, type CheckRun } from './run-check.ts';
import { REPO_ROOT } from '../repo-root.ts';

const PROCESS = fileURLToPath(new URL('./warm-runner-process.ts', import.meta.url));

type Reply = { type: 'ready' } | { type: 'done'; error?: string };

export class WarmChecks {
  private readonly options: { source: ExerciseSource; databaseUrl?: string };
  private runner: { child: ChildProcess; report: string; ready: Promise<void>; output: string[] } | undefined;

  constructor(options: { source: ExerciseSource; databaseUrl?: string }) {
    this.options = options;
  }

  async run(exercises: Exercise[], signal?: AbortSignal): Promise<CheckRun> {
    const startedAt = performance.now();
    const runner = await this.start();
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
    if (error) throw new Error(error);
    const results = await readReport(runner.report, exercises, runner.output.join(''), 'a warm run');
    runner.output.length = 0;
    return { results, durationMs: Math.round(performance.now() - startedAt) };
  }

  /** Ends the runner: vitest closes (its global setup's teardown runs), then the process exits. */
  stop(): void {
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
      env: { ...checkEnv(this.options), LAB_WARM_REPORT: report },
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
