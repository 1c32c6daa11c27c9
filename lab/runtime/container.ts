import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { workerCount, type FunctionConfig } from './function-config.ts';
import { registerContainer, unregisterContainer } from './orphans.ts';
import { lambdaEnvironment, traceHeader } from './lambda-context.ts';
import type { ContainerMessage, ResultMessage } from './messages.ts';
import { round2, type Span } from './spans.ts';

export type ContainerState = 'initializing' | 'ready' | 'dead';

export interface ContainerOutcome {
  kind: 'result' | 'timeout' | 'exit' | 'init-error' | 'init-timeout';
  result?: ResultMessage;
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
  /** Managed Instances: the worker thread that served the request. */
  worker?: number;
  logs: string[];
}

interface Pending {
  requestId: string;
  logs: string[];
  resolve: (outcome: ContainerOutcome) => void;
  timer: NodeJS.Timeout;
}

/**
 * One execution environment: one OS process. The host side of it forks, measures Init Duration
 * (fork → "ready", after the handler module and its top-level code ran), freezes the process with
 * SIGSTOP while it has nothing to do and thaws it with SIGCONT for the next invocation, and kills
 * it on a timeout.
 */
export class Container {
  readonly id = randomBytes(16).toString('hex');
  readonly createdAt = Date.now();
  readonly config: FunctionConfig;
  // Written only here, by the process's own messages and by claim/release/retire: the scheduler
  // decides from these, so a write from outside could double-book an environment.
  #state: ContainerState = 'initializing';
  #initDurationMs: number | null = null;
  #initSpans: Span[] = [];
  /** Lines the init phase printed, shown with the cold invocation. */
  #initLogs: string[] = [];
  #lastUsedAt = Date.now();
  #invocations = 0;
  #maxMemoryUsedMb = 0;
  #frozen = false;
  /** A freeze is scheduled for the end of the host's current turn (freeze()). */
  #freezePending = false;
  #coldTaken = false;
  #killedByHost = false;
  #outOfMemory = false;
  #memoryWatch: NodeJS.Timeout | undefined;
  /** Invocations placed here and not finished: claimed before the first await, so none double-book. */
  #active = 0;
  /** Replaced by a new deployment: finishes its calls, then stops instead of freezing. */
  #retired = false;
  /** Managed Instances: worker threads started, and how many are alive and ready (supervisor.ts). */
  readonly workerThreads: number;
  #workersAlive = 0;
  #workersReady = 0;
  private readonly inFlight = new Map<string, Pending>();
  /** Undefined until the entry is built and the process forked. */
  private child: ChildProcess | undefined;
  private readonly ready: Promise<ContainerOutcome | undefined>;
  private exitListeners: Array<() => void> = [];

  /**
   * `entry` is the container script being built (container-entry.ts). The process forks once it
   * is there, so the scheduler can place a call here synchronously while a first build runs, and
   * the build is no part of Init Duration. A failed build rejects whenReady().
   */
  /**
   * `initLimitMs`: how long init may run before the environment is killed. Lambda's 10 s init
   * limit on a cold start; the function timeout when init runs inside an invoke (suppressed init).
   */
  readonly initLimitMs: number;
  /** This environment's init runs inside an invoke (after a reset or a failed init): no Init Duration. */
  readonly suppressedInit: boolean;

  constructor(config: FunctionConfig, entry: Promise<string>, options: { suppressedInit?: boolean } = {}) {
    this.config = config;
    this.suppressedInit = options.suppressedInit ?? false;
    this.initLimitMs = this.suppressedInit ? config.timeoutMs : config.initTimeoutMs;
    this.workerThreads = config.managedInstances ? workerCount(config) : 0;
    this.ready = entry.then((path) => {
      if (this.#state !== 'dead') return this.start(path);
      for (const listener of this.exitListeners) listener(); // killed before it ever started
      return {
        kind: 'init-error',
        errorType: 'Runtime.ExitError',
        errorMessage: exitMessage(null, 'SIGKILL'),
        logs: [],
      };
    });
  }

  private start(entry: string): Promise<ContainerOutcome | undefined> {
    const config = this.config;
    const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${this.id}`;
    const forkedAt = performance.now();
    // The handler's path and export go as arguments: the function's environment holds only
    // what Lambda sets and what the function's owner configured.
    // The third argument: worker threads (0 on on-demand Lambda, where the process is the runtime).
    const child = fork(entry, [config.handlerPath, config.handlerExport, String(this.workerThreads)], {
      cwd: dirname(config.handlerPath),
      env: {
        ...lambdaEnvironment({
          functionName: config.functionName,
          memoryMb: config.memoryMb,
          handler: handlerName(config),
          taskRoot: dirname(config.handlerPath),
          logStreamName,
        }),
        ...(config.logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
        ...config.environment,
      },
      // As the nodejs runtime does: the heap is sized from the function's memory setting.
      execArgv: [`--max-old-space-size=${Math.floor(config.memoryMb * 0.85)}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    const pid = child.pid;
    if (pid !== undefined) registerContainer(pid, () => this.kill());
    return new Promise((resolve) => {
      const initTimer = setTimeout(() => {
        this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, peakRssMb(child.pid));
        this.kill();
        resolve({ kind: 'init-timeout', logs: this.#initLogs });
      }, this.initLimitMs);
      child.on('message', (message: ContainerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(initTimer);
          this.#initDurationMs = round2(performance.now() - forkedAt);
          this.#initSpans = [{ name: 'init', startMs: 0, durationMs: this.#initDurationMs }, ...message.spans];
          this.#state = 'ready';
          resolve(undefined);
        } else if (message.type === 'init-error') {
          clearTimeout(initTimer);
          this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, peakRssMb(child.pid));
          resolve({
            kind: 'init-error',
            errorType: message.errorType,
            errorMessage: message.errorMessage,
            logs: this.#initLogs,
          });
        } else {
          this.onMessage(message);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(initTimer);
        this.stopWatchingMemory();
        if (pid !== undefined) unregisterContainer(pid);
        this.#state = 'dead';
        // V8 out of heap aborts the process (SIGABRT, exit 134): on Lambda that is the same
        // out-of-memory end as a kill at the memory limit, not a raw signal.
        const outOfMemory = this.#outOfMemory || signal === 'SIGABRT' || code === 134;
        if (outOfMemory) this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, this.config.memoryMb);
        const failure = (requestId: string | undefined) =>
          outOfMemory
            ? { errorType: 'Runtime.OutOfMemory', errorMessage: outOfMemoryMessage(requestId) }
            : { errorType: 'Runtime.ExitError', errorMessage: exitMessage(code, signal) };
        resolve({ kind: 'init-error', ...failure(undefined), logs: this.#initLogs });
        for (const pending of this.inFlight.values()) {
          clearTimeout(pending.timer);
          pending.resolve({ kind: 'exit', ...failure(pending.requestId), logs: pending.logs });
        }
        this.inFlight.clear();
        for (const listener of this.exitListeners) listener();
      });
      child.on('error', () => {
        // 'exit' follows and settles everything; an IPC error alone must not crash the lab.
      });
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get state(): ContainerState {
    return this.#state;
  }

  get initDurationMs(): number | null {
    return this.#initDurationMs;
  }

  get initSpans(): readonly Span[] {
    return this.#initSpans;
  }

  get lastUsedAt(): number {
    return this.#lastUsedAt;
  }

  get invocations(): number {
    return this.#invocations;
  }

  get maxMemoryUsedMb(): number {
    return this.#maxMemoryUsedMb;
  }

  /** Stopped by SIGSTOP between calls (an idle on-demand environment). */
  get frozen(): boolean {
    return this.#frozen;
  }

  get active(): number {
    return this.#active;
  }

  get retired(): boolean {
    return this.#retired;
  }

  /**
   * True once: for the call that started this environment (its cold start). Managed Instances
   * calls that join an environment still in its init get false and simply wait for it.
   */
  takeColdStart(): boolean {
    if (this.#coldTaken) return false;
    this.#coldTaken = true;
    return true;
  }

  /** Books one invocation here. Synchronous on purpose: the caller claims before any await. */
  claim(): void {
    this.#active += 1;
    this.thaw();
    this.watchMemory();
  }

  /**
   * One booked invocation has finished. An environment left idle is frozen at the end of the
   * host's current turn (see freeze()); the memory watch stops with the freeze.
   */
  release(): void {
    this.#active -= 1;
    // Idle from now: the reaper counts from here (a Managed Instances environment is never frozen).
    if (this.#active === 0) this.#lastUsedAt = Date.now();
  }

  /**
   * The memory setting is a hard limit, as Lambda's cgroup makes it: a busy environment whose
   * resident memory passes it is killed, Runtime.OutOfMemory. Polled only while it works (an idle
   * one is frozen and cannot grow); /proc/<pid>/status costs microseconds.
   */
  private watchMemory(): void {
    if (this.#memoryWatch) return;
    this.#memoryWatch = setInterval(() => {
      const rss = residentMb(this.child?.pid);
      this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, rss);
      if (rss > this.config.memoryMb && this.#state !== 'dead') {
        this.#outOfMemory = true;
        this.kill();
        this.#killedByHost = false; // the function ran out of memory: its failure, not the lab's decision
      }
    }, MEMORY_POLL_MS);
    this.#memoryWatch.unref();
  }

  private stopWatchingMemory(): void {
    clearInterval(this.#memoryWatch);
    this.#memoryWatch = undefined;
  }

  /** A new version was deployed: this environment takes no new calls and stops once idle. */
  retire(): void {
    this.#retired = true;
  }

  /** The init phase's lines, handed over once: to the cold invocation's record. */
  takeInitLogs(): string[] {
    return this.#initLogs.splice(0);
  }

  /** Resolves when the environment is ready, or with the init failure. */
  whenReady(): Promise<ContainerOutcome | undefined> {
    return this.ready;
  }

  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  invoke(requestId: string, eventJson: string, deadlineMs: number): Promise<ContainerOutcome> {
    this.thaw();
    this.#invocations += 1;
    return new Promise((resolve) => {
      const pending: Pending = {
        requestId,
        logs: [],
        resolve,
        timer: setTimeout(() => this.timeOut(requestId), Math.max(0, deadlineMs - Date.now())),
      };
      this.inFlight.set(requestId, pending);
      // Only after whenReady(): the process is there.
      this.child!.send({ type: 'invoke', requestId, eventJson, deadlineMs, traceId: traceHeader() });
    });
  }

  /**
   * SIGSTOP: timers, sockets and stray promises of the function stop where they are. Sent once
   * the host's current turn of JavaScript is done (process.nextTick after the promise chain that
   * delivered the answer): a caller that awaits one invoke and sends the next in that same turn
   * finds the environment still running, as Lambda hands an event already waiting to a runtime
   * that asks for the next one without freezing it (docs, lambda-runtime-environment.html: the
   * environment is frozen when the runtime and extensions wait for the next event). No timer of
   * the host runs in between, so an environment left idle is frozen before anything else happens
   * in the lab; this saves two kill() calls per back-to-back invoke (the warm path's largest cost).
   */
  freeze(): void {
    // Managed Instances environments are never frozen (AWS docs, lambda-managed-instances-execution-environment.html).
    if (this.managedInstance) {
      if (this.#active === 0) this.stopWatchingMemory();
      return;
    }
    if (this.#freezePending) return;
    this.#freezePending = true;
    process.nextTick(() => {
      this.#freezePending = false;
      if (this.#state === 'ready' && !this.#frozen && this.#active === 0) {
        this.stopWatchingMemory();
        this.#frozen = this.signal('SIGSTOP');
        this.#lastUsedAt = Date.now();
      }
    });
  }

  thaw(): void {
    if (this.#frozen) {
      this.signal('SIGCONT');
      this.#frozen = false;
    }
  }

  /** The host killed it (a stop, a timeout, a deploy), as opposed to its process exiting by itself. */
  get killedByHost(): boolean {
    return this.#killedByHost;
  }

  kill(): void {
    this.#killedByHost = true;
    if (this.#state === 'dead') return;
    this.#state = 'dead';
    this.signal('SIGKILL');
  }

  /** Resolves once the process is gone. */
  async stop(): Promise<void> {
    if (!this.child) {
      this.kill(); // not forked yet: it never will be
      await this.ready.catch(() => undefined);
      return;
    }
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.onExit(resolve));
    this.kill();
    await exited;
  }

  private signal(signal: NodeJS.Signals): boolean {
    try {
      return this.child?.kill(signal) ?? false;
    } catch {
      return false;
    }
  }

  private onMessage(message: ContainerMessage): void {
    if (message.type === 'log') {
      const pending = message.requestId ? this.inFlight.get(message.requestId) : undefined;
      if (pending) pending.logs.push(message.line);
      // A line of a request that already ended, or of none (a stray timer), goes to the one
      // request running, if only one is: on-demand Lambda has one at a time. On Managed
      // Instances a timed-out request's late lines belong to no record.
      else if (this.managedInstance && message.requestId) return;
      // Managed Instances: a line outside any request is a worker's init (one per worker thread).
      else if (this.managedInstance) this.#initLogs.push(message.line);
      else if (this.inFlight.size === 1) this.inFlight.values().next().value!.logs.push(message.line);
      else this.#initLogs.push(message.line);
    } else if (message.type === 'memory') {
      this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, message.maxRssMb);
    } else if (message.type === 'workers') {
      this.#workersAlive = message.alive;
      this.#workersReady = message.ready;
      // No worker left: the process is on its way out; no call may be placed here meanwhile.
      if (message.alive === 0 && this.#state === 'ready') this.#state = 'dead';
    } else if (message.type === 'result') {
      const pending = this.inFlight.get(message.requestId);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.inFlight.delete(message.requestId);
      this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, message.maxRssMb);
      if (message.fatal) {
        // The runtime client posted this error, then exits: the invoker gets the error, the
        // environment is gone (Runtime.ExitError in the REPORT).
        // On Managed Instances only the worker thread that served it exits; the environment goes
        // on with its other workers (supervisor.ts).
        const { errorType, errorMessage, trace, worker } = message;
        pending.resolve({
          kind: 'exit',
          ...(errorType ? { errorType } : {}),
          ...(errorMessage ? { errorMessage } : {}),
          ...(trace ? { trace } : {}),
          ...(worker !== undefined ? { worker } : {}),
          logs: pending.logs,
        });
      } else {
        pending.resolve({
          kind: 'result',
          result: message,
          ...(message.worker !== undefined ? { worker: message.worker } : {}),
          logs: pending.logs,
        });
      }
    }
  }

  /**
   * Lambda Managed Instances: the Node.js runtime serves several requests at once in one
   * environment, on worker threads (supervisor.ts), environments are not frozen, and a request's
   * timeout ends that request, not the environment (AWS docs, lambda-managed-instances-nodejs-runtime.html,
   * lambda-managed-instances-execution-environment.html).
   */
  get managedInstance(): boolean {
    return this.config.managedInstances;
  }

  /** Managed Instances: worker threads alive (ready or still in their init) of those started; null on-demand. */
  get workers(): { alive: number; ready: number; started: number } | null {
    if (!this.managedInstance) return null;
    return { alive: this.#workersAlive, ready: this.#workersReady, started: this.workerThreads };
  }

  private timeOut(requestId: string): void {
    const pending = this.inFlight.get(requestId);
    if (!pending) return;
    if (this.managedInstance) {
      // lambda-managed-instances-execution-environment.html, "Invocation timeouts": Lambda returns
      // a timeout error for the invocation but "does not enforce timeouts, and your code continues
      // running"; the environment's other invocations go on. Its late answer is dropped.
      this.inFlight.delete(requestId);
      pending.resolve({ kind: 'timeout', logs: pending.logs });
      return;
    }
    // Lambda stops the whole environment; every request in it ends with this one.
    this.inFlight.delete(requestId);
    // The process never reports back: read its peak RSS from the kernel before killing it.
    this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, peakRssMb(this.child?.pid));
    const timeoutSeconds = (this.config.timeoutMs / 1000).toFixed(2);
    pending.resolve({
      kind: 'timeout',
      errorType: 'Sandbox.Timedout',
      errorMessage: `Task timed out after ${timeoutSeconds} seconds`,
      logs: pending.logs,
    });
    this.kill();
  }
}

const MEMORY_POLL_MS = 10;

/** VmRSS: what a live process holds now, in MB (0 if it cannot be read). */
function residentMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.ceil(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Observed on AWS for an environment killed at its memory limit. */
function outOfMemoryMessage(requestId: string | undefined): string {
  return `${requestId ? `RequestId: ${requestId} ` : ''}Error: Runtime exited with error: signal: killed`;
}

/** VmHWM: the peak resident set of a live process, in MB (0 if it cannot be read). */
function peakRssMb(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.ceil(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** `_HANDLER` as AWS sets it: the module's file name without its extension, a dot, the export. */
export function handlerName(config: Pick<FunctionConfig, 'handlerPath' | 'handlerExport'>): string {
  return `${basename(config.handlerPath).replace(/\.(c|m)?(j|t)s$/, '')}.${config.handlerExport}`;
}

function exitMessage(code: number | null, signal: NodeJS.Signals | null): string {
  return signal
    ? `Runtime exited with error: signal: ${signal.toLowerCase()}`
    : `Runtime exited with error: exit status ${code ?? 1}`;
}
