import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { containerEntry } from './container-entry.ts';
import { Container, type ContainerOutcome } from './container.ts';
import { functionConfig, MANAGED_INSTANCES, type FunctionConfig } from './function-config.ts';
import { throttledRecord, type InvocationRecord, type InvocationStart } from './invocation.ts';
import { endLine, initReportLine, initStartLine, reportLine, startLine } from './log-lines.ts';
import { round2, type Span } from './spans.ts';

export interface ContainerInfo {
  containerId: string;
  pid: number | undefined;
  /** `frozen`: idle and stopped (SIGSTOP) until the next call; `idle`: idle and running (Managed Instances). */
  state: 'initializing' | 'busy' | 'idle' | 'frozen' | 'dead';
  ageMs: number;
  idleMs: number;
  invocations: number;
  maxMemoryUsedMb: number;
  initDurationMs: number | null;
  /** Managed Instances: worker threads alive / started (AWS_LAMBDA_NODEJS_WORKER_COUNT); null on on-demand Lambda. */
  workers: { alive: number; ready: number; started: number } | null;
  /** Requests this environment takes at once: 1 on-demand, perExecutionEnvironmentMaxConcurrency on Managed Instances. */
  maxConcurrency: number;
}

export interface LocalFunctionEvents {
  /**
   * An environment took the call (before init on a cold start). 'invocation' follows for the
   * same requestId unless the lab itself fails (its container script does not build: invoke rejects).
   */
  'invocation-start': [InvocationStart];
  /** The call ended, throttled ones included. */
  invocation: [InvocationRecord];
}

// Every function made in this process is announced, so the lab server can trace the ones a
// scenario or the mapping inspector deploys for itself, not only the lab's main function.
const created = new EventEmitter<{ function: [LocalFunction] }>();
created.setMaxListeners(0);

export function onFunctionCreated(listener: (fn: LocalFunction) => void): () => void {
  created.on('function', listener);
  return () => created.off('function', listener);
}

// Every function of this process not shut down yet: the lab's own, a running scenario's, the
// mapping inspector's defaults. `lab containers` lists their environments and `lab recycle`
// retires them: memory held by a function nobody else knows about is still the learner's.
const live = new Set<LocalFunction>();

/** The functions made in this process and not shut down, oldest first. */
export function liveFunctions(): LocalFunction[] {
  return [...live];
}

/**
 * A deployed function: the scheduler that places each invocation on an execution environment.
 * An idle warm environment is reused first; otherwise a new one starts (a cold start), up to the
 * reserved concurrency, beyond which the call is throttled, as Lambda does.
 */
export class LocalFunction extends EventEmitter<LocalFunctionEvents> {
  private containers: Container[] = [];
  /** Environments reset by a timeout, crash or OOM kill: the next ones started run a suppressed init. */
  private resetSlots = 0;
  private reaper: NodeJS.Timeout | undefined;
  private config: FunctionConfig;

  constructor(config: FunctionConfig) {
    super();
    this.config = config;
    this.goLive();
    queueMicrotask(() => created.emit('function', this));
  }

  get settings(): Readonly<FunctionConfig> {
    return this.config;
  }

  /**
   * `options.requestId` replays an earlier request id: Lambda's own retries of an asynchronous
   * invocation keep the awsRequestId of the first attempt.
   */
  async invoke(
    event: unknown,
    options: { requestId?: string; invocationType?: InvocationType } = {},
  ): Promise<InvocationRecord> {
    const requestId = options.requestId ?? randomUUID();
    // Lambda checks the payload before it picks an environment: a rejected call never runs.
    const payload = jsonPayload(event);
    if (payload.json === undefined) {
      return this.emitRecord(rejected(requestId, this.config, 'InvalidRequestContentException', payload.error));
    }
    const tooLarge = requestTooLarge(payload.json, options.invocationType ?? 'RequestResponse');
    if (tooLarge) return this.emitRecord(rejected(requestId, this.config, 'RequestTooLargeException', tooLarge));
    // The function gets what Invoke's JSON body decodes to, as on Lambda: the environment parses
    // this JSON (never a value the IPC channel cannot carry, which would leave it claimed).
    const eventJson = payload.json;
    // Placed before any await: two calls never pick one busy environment, and the environment
    // shows in containerInfo() as soon as invoke() returns.
    let container = this.place();
    // Throttled calls get no start: Lambda never ran them (no START line, no budget spent).
    if (!container) return this.emitRecord(throttled(requestId, this.config));
    this.emit('invocation-start', {
      requestId,
      functionName: this.config.functionName,
      timeoutMs: this.config.timeoutMs,
      memorySizeMb: this.config.memoryMb,
      at: Date.now(),
    });

    let startedAt = performance.now();
    // A Managed Instances call placed on an environment still in its init waits for it without
    // being its cold start: only the call that started the environment is.
    if (container.state === 'initializing' && !container.takeColdStart()) {
      const failure = await this.ready(container);
      if (failure) {
        container.release();
        return this.emitRecord(this.record(requestId, container, false, performance.now() - startedAt, failure));
      }
    }
    const coldStart = container.state === 'initializing';
    const initLines: string[] = coldStart ? [initStartLine()] : [];
    let initFailure = await this.ready(container);
    // An environment the lab itself stopped mid-init (shutdown, recycle) is not retried: no function failed.
    const retry = initFailure?.kind === 'init-timeout' || (initFailure !== undefined && !container.killedByHost);
    if (initFailure && !container.suppressedInit && retry) {
      // Docs (lambda-runtime-environment.html, Init phase): an init that fails or passes the 10 s
      // limit is retried at the first invocation, under the configured function timeout. The
      // retry is a suppressed init: the invoke's clock starts with it.
      initLines.push(...initFailure.logs.splice(0), this.initReport(container, initFailure, 'init', startedAt));
      container = this.replace(container);
      initLines.push(initStartLine());
      startedAt = performance.now();
      initFailure = await this.ready(container);
    }
    if (initFailure && !retry) {
      this.drop(container);
      return this.emitRecord(this.record(requestId, container, coldStart, performance.now() - startedAt, initFailure));
    }
    if (initFailure) {
      initLines.push(...initFailure.logs.splice(0), this.initReport(container, initFailure, 'invoke', startedAt));
      this.reset(container);
      const durationMs = initFailure.kind === 'init-timeout' ? this.config.timeoutMs : performance.now() - startedAt;
      return this.emitRecord(this.record(requestId, container, coldStart, durationMs, initFailure, initLines));
    }
    // Init inside the invoke counts against the function timeout; after a normal init the clock starts now.
    const invokeStartedAt = container.suppressedInit && coldStart ? startedAt : performance.now();
    const deadline = Date.now() + this.config.timeoutMs - (performance.now() - invokeStartedAt);
    const outcome = await container.invoke(requestId, eventJson, deadline);
    const durationMs = performance.now() - invokeStartedAt;
    container.release();
    // On Managed Instances a timeout ends the request only and a crash its worker thread only; the
    // environment serves on while it has a worker (lambda-managed-instances-execution-environment.html).
    const survives = outcome.kind === 'result' || (container.managedInstance && container.state !== 'dead');
    if (!survives) this.reset(container);
    else if (!container.retired) container.freeze();
    else if (container.active === 0) this.drop(container); // an old version, done with its last call
    return this.emitRecord(this.record(requestId, container, coldStart, durationMs, outcome, initLines));
  }

  /** The environment's init outcome; a container script that does not build is the lab's fault, not the function's. */
  private async ready(container: Container): Promise<ContainerOutcome | undefined> {
    return container.whenReady().catch((error: unknown) => {
      this.drop(container);
      throw error;
    });
  }

  private initReport(container: Container, failure: ContainerOutcome, phase: 'init' | 'invoke', since: number): string {
    const timedOut = failure.kind === 'init-timeout';
    return initReportLine({
      durationMs: round2(timedOut ? container.initLimitMs : performance.now() - since),
      phase,
      status: timedOut ? 'timeout' : 'error',
      ...(timedOut ? {} : { errorType: failure.errorType ?? 'Runtime.Unknown' }),
    });
  }

  /** A failed init's environment, replaced in the same slot by one whose init runs inside this invoke. */
  private replace(failed: Container): Container {
    this.drop(failed);
    const next = new Container(this.config, containerEntry(), { suppressedInit: true });
    next.claim();
    next.onExit(() => this.drop(next));
    this.containers.push(next);
    return next;
  }

  /**
   * Docs (lambda-runtime-environment.html, "Failures during the invoke phase"): after a timeout,
   * a crash or an out-of-memory kill, Lambda resets the environment, and the next invoke on it
   * runs init inside the invoke (a suppressed init, no Init Duration, under the function timeout).
   */
  private reset(container: Container): void {
    if (!container.retired) this.resetSlots += 1;
    this.drop(container);
  }

  /**
   * Build = deploy: a new version retires the environments of the old one. Idle ones stop now;
   * busy ones finish the calls they are serving, as on Lambda, then stop. New calls go cold.
   */
  async deploy(handlerPath: string): Promise<void> {
    await this.update({ handlerPath });
  }

  /**
   * A configuration change (a new timeout, say) is a deployment too: on AWS every environment
   * after an UpdateFunctionConfiguration is new, with a normal init.
   */
  async update(changes: Partial<Omit<FunctionConfig, 'functionName'>>): Promise<void> {
    const { initTimeoutMs, ...rest } = { ...this.config, ...changes };
    // Managed Instances' init limit is derived from the timeout (function-config.ts): derived again
    // unless it was set on its own.
    const derived =
      this.config.managedInstances &&
      changes.initTimeoutMs === undefined &&
      this.config.initTimeoutMs === Math.max(MANAGED_INSTANCES.minInitLimitMs, this.config.timeoutMs);
    this.config = functionConfig(derived ? rest : { ...rest, initTimeoutMs });
    const retiring = this.containers;
    this.containers = [];
    this.resetSlots = 0; // a new version starts fresh environments, each with a normal init
    for (const c of retiring) c.retire();
    await Promise.all(retiring.filter((c) => c.active === 0).map((c) => c.stop()));
  }

  containerInfo(): ContainerInfo[] {
    const now = Date.now();
    return this.containers.map((c) => ({
      containerId: c.id,
      pid: c.pid,
      state: c.state === 'ready' ? (c.active > 0 ? 'busy' : c.frozen ? 'frozen' : 'idle') : c.state,
      ageMs: now - c.createdAt,
      idleMs: c.active > 0 ? 0 : now - c.lastUsedAt,
      invocations: c.invocations,
      maxMemoryUsedMb: c.maxMemoryUsedMb,
      initDurationMs: c.initDurationMs,
      workers: c.workers,
      maxConcurrency: this.config.perExecutionEnvironmentMaxConcurrency,
    }));
  }

  /** Kills every environment; the function can still be invoked afterwards (cold again). */
  async shutdown(): Promise<void> {
    clearInterval(this.reaper);
    this.reaper = undefined;
    live.delete(this);
    const all = this.containers;
    this.containers = [];
    await Promise.all(all.map((c) => c.stop()));
  }

  private place(): Container | undefined {
    const limit = this.config.perExecutionEnvironmentMaxConcurrency;
    // Managed Instances have no per-request cold starts (docs: lambda-managed-instances-scaling.html,
    // they "do not support cold starts"): a call joins an environment still in its init if it has room.
    const usable = (c: Container) =>
      c.state === 'ready' || (this.config.managedInstances && c.state === 'initializing' && !c.retired);
    const reusable = this.containers.find((c) => usable(c) && c.active < limit);
    if (reusable) {
      // Claimed synchronously, before any await, so two calls never pick one busy environment.
      reusable.claim();
      return reusable;
    }
    if (this.containers.length >= this.config.reservedConcurrency) return undefined;
    this.goLive(); // invoked again after a shutdown: listed and reaped again
    const suppressedInit = this.resetSlots > 0;
    if (suppressedInit) this.resetSlots -= 1;
    const container = new Container(this.config, containerEntry(), { suppressedInit });
    container.claim();
    container.onExit(() => this.drop(container));
    this.containers.push(container);
    return container;
  }

  /** Listed by liveFunctions() and reaping its idle environments, until shutdown(). */
  private goLive(): void {
    live.add(this);
    if (this.reaper) return;
    this.reaper = setInterval(() => this.reapIdle(), Math.min(this.config.idleReapMs, 5_000));
    this.reaper.unref();
  }

  private drop(container: Container): void {
    container.kill();
    this.containers = this.containers.filter((c) => c !== container);
  }

  private reapIdle(): void {
    const now = Date.now();
    for (const c of this.containers) {
      if (c.state === 'ready' && c.active === 0 && now - c.lastUsedAt > this.config.idleReapMs) this.drop(c);
    }
  }

  private record(
    requestId: string,
    container: Container,
    coldStart: boolean,
    durationMs: number,
    outcome: ContainerOutcome,
    initLines: string[] = [],
  ): InvocationRecord {
    const suppressedInit = coldStart && container.suppressedInit;
    const initDurationMs = coldStart && !suppressedInit ? container.initDurationMs : null;
    const result = outcome.result;
    const status =
      outcome.kind === 'timeout' || outcome.kind === 'init-timeout'
        ? 'timeout'
        : outcome.kind === 'result' && result?.status === 'ok'
          ? 'ok'
          : 'error';
    const measured = round2(
      outcome.kind === 'timeout' || outcome.kind === 'init-timeout' ? this.config.timeoutMs : durationMs,
    );
    // Since August 2025 Lambda bills the init phase of on-demand functions too.
    const billedDurationMs = Math.ceil(measured + (initDurationMs ?? 0));
    const maxMemoryUsedMb = Math.max(result?.maxRssMb ?? 0, container.maxMemoryUsedMb);
    const spans: Span[] = coldStart ? [...container.initSpans, ...(result?.spans ?? [])] : (result?.spans ?? []);
    // The environment itself failed (not only the handler): REPORT says Status: error and why.
    const crashed = outcome.kind === 'exit' || outcome.kind === 'init-error';
    const report = reportLine({
      requestId,
      durationMs: measured,
      billedDurationMs,
      memorySizeMb: this.config.memoryMb,
      maxMemoryUsedMb,
      initDurationMs,
      status: status === 'timeout' ? 'timeout' : crashed ? 'error' : undefined,
      ...(crashed ? { errorType: reportErrorType(outcome) } : {}),
    });
    const errorType = outcome.errorType ?? result?.errorType ?? (status === 'timeout' ? 'Sandbox.Timedout' : undefined);
    const errorMessage =
      outcome.errorMessage ??
      result?.errorMessage ??
      (status === 'timeout' ? `Task timed out after ${(this.config.timeoutMs / 1000).toFixed(2)} seconds` : undefined);
    const trace = outcome.trace ?? result?.trace;
    const extra = status === 'timeout' ? [`${new Date().toISOString()} ${requestId} ${errorMessage}`] : [];
    // Managed Instances: a worker that finished its init after the cold call shows its lines with the next one.
    const initLogs = coldStart || container.managedInstance ? container.takeInitLogs() : [];
    return {
      requestId,
      containerId: container.id,
      coldStart,
      initDurationMs,
      suppressedInit,
      durationMs: measured,
      billedDurationMs,
      memorySizeMb: this.config.memoryMb,
      maxMemoryUsedMb,
      status,
      ...(errorType ? { errorType, errorMessage } : {}),
      ...(trace ? { trace } : {}),
      ...(outcome.worker !== undefined ? { worker: outcome.worker } : {}),
      result: status === 'ok' && result?.resultJson !== undefined ? (JSON.parse(result.resultJson) as unknown) : null,
      spans,
      report,
      logs: [...initLines, ...initLogs, startLine(requestId), ...outcome.logs, ...extra, endLine(requestId), report],
    };
  }

  private emitRecord(record: InvocationRecord): InvocationRecord {
    this.emit('invocation', record);
    return record;
  }
}

/** What ended the environment, for the REPORT: out of memory, else an exit, else init's own error. */
function reportErrorType(outcome: ContainerOutcome): string | undefined {
  if (outcome.errorType === 'Runtime.OutOfMemory') return outcome.errorType;
  return outcome.kind === 'exit' ? 'Runtime.ExitError' : outcome.errorType;
}

export type InvocationType = 'RequestResponse' | 'Event';

/**
 * AWS docs, API_Invoke.html: "For synchronous invocations, the maximum payload size is 6 MB. For
 * asynchronous invocations, the maximum payload size is 1 MB" (raised from 256 KB in 2025);
 * beyond it Invoke fails with RequestTooLargeException (HTTP 413), message as observed.
 */
export const REQUEST_LIMIT_BYTES: Record<InvocationType, number> = { RequestResponse: 6_291_456, Event: 1_048_576 };

/**
 * Invoke's payload is JSON (API_Invoke.html); one that is not gets InvalidRequestContentException
 * ("Could not parse request body into json", as the API answers malformed JSON).
 */
function jsonPayload(event: unknown): { json: string; error?: undefined } | { json?: undefined; error: string } {
  try {
    return { json: JSON.stringify(event ?? null) };
  } catch (error) {
    return {
      error: `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function requestTooLarge(json: string, type: InvocationType): string | undefined {
  const bytes = Buffer.byteLength(json);
  const limit = REQUEST_LIMIT_BYTES[type];
  if (bytes <= limit) return undefined;
  return `Request must be smaller than ${limit} bytes for the InvokeFunction operation`;
}

function rejected(
  requestId: string,
  config: FunctionConfig,
  errorType: string,
  errorMessage: string,
): InvocationRecord {
  return { ...throttled(requestId, config), status: 'error', errorType, errorMessage };
}

function throttled(requestId: string, config: FunctionConfig): InvocationRecord {
  return throttledRecord(
    requestId,
    config.memoryMb,
    `Rate Exceeded. Reserved concurrency ${config.reservedConcurrency} is in use.`,
  );
}
