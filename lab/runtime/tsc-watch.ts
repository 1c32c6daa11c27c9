// tsc kept running in watch mode for one build folder (a `lab check --watch`): after a save it
// compiles only what changed, with the program it already holds, instead of parsing the ~900
// files of a Nest handler again (exercise 01: 0.1-0.2 s after a change against 0.5-0.8 s for a
// fresh `tsc -p`, measured on the 2-core machine). Its output is what `tsc -p` prints: the
// diagnostics of each compile sit between the watch's own timestamped lines, which are dropped.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

/** "01:56:00 AM - File change detected. Starting incremental compilation..." (and the first compile's). */
const STARTING = /^\S.* - .*Starting (?:incremental )?compilation/;
/** "01:56:00 AM - Found 1 error. Watching for file changes." */
const FOUND = /^\S.* - Found \d+ errors?\. Watching for file changes\./;
/** A change that starts no compile within this long is not seen by the watch: compile without it. */
const NOTICE_MS = 3_000;
/** A compile (the first one parses everything, on a busy machine for seconds) ends within this long. */
const FINISH_MS = 60_000;

// Every watch this process started: they go with it, however it ends short of SIGKILL (a tsc
// left watching would otherwise outlive the lab; it dies on its next write once the lab's pipe is gone).
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

interface Cycle {
  /** When its first line arrived (Date.now()). */
  startedAt: number;
  lines: string[];
  /** The diagnostics ('' when none), once it ended. */
  result?: string;
}

export class TscWatch {
  private readonly args: string[];
  private child: ChildProcess | undefined;
  private cycles: Cycle[] = [];
  private waiter: (() => void) | undefined;

  constructor(tsconfig: string, outDir: string, rootDir: string) {
    this.args = ['-p', tsconfig, '--outDir', outDir, '--rootDir', rootDir, '--watch', '--preserveWatchOutput'];
  }

  /**
   * The diagnostics ('' when none) of the compile that includes every change made up to
   * `changedAt` (Date.now() once the last staged file was written), or of the last compile when
   * nothing changed since (undefined). Undefined when the watch did not answer in time (it is
   * then stopped, to start afresh next time): the caller compiles once without it.
   */
  async diagnostics(changedAt: number | undefined): Promise<string | undefined> {
    const now = Date.now();
    let noticeBy = now + NOTICE_MS;
    if (!this.running()) {
      this.start();
      changedAt = 0; // the first compile sees everything staged before it started
      noticeBy = now + FINISH_MS;
    }
    const finishBy = now + FINISH_MS;
    for (;;) {
      if (!this.running()) break;
      const cycle = changedAt === undefined ? this.cycles.at(-1) : this.cycles.find((c) => c.startedAt >= changedAt);
      if (cycle?.result !== undefined) return cycle.result;
      if ((!cycle && Date.now() > noticeBy) || Date.now() > finishBy) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    this.close();
    return undefined;
  }

  private running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  close(): void {
    this.child?.kill('SIGTERM');
    this.child = undefined;
    this.cycles = [];
  }

  private start(): void {
    this.cycles = [];
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), this.args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.on('exit', () => running.delete(child));
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        this.line(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    child.stderr!.resume();
    child.on('error', () => this.wake());
    child.on('exit', () => this.wake());
  }

  private line(line: string): void {
    if (STARTING.test(line)) {
      this.cycles.push({ startedAt: Date.now(), lines: [] });
      if (this.cycles.length > 20) this.cycles.splice(0, this.cycles.length - 20);
      return;
    }
    const cycle = this.cycles.at(-1);
    if (!cycle || cycle.result !== undefined) return;
    if (FOUND.test(line)) {
      cycle.result = cycle.lines.join('\n').trim();
      this.wake();
    } else {
      cycle.lines.push(line);
    }
  }

  private wake(): void {
    this.waiter?.();
  }
}
