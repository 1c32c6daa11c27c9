import { basename } from 'node:path';
import { openLabDatabase } from '../db/lab-database.ts';
import { APP_SOURCES, buildIfStale, type Artifact } from '../runtime/build.ts';
import { APP_ENVIRONMENT, functionConfig, type FunctionConfig } from '../runtime/function-config.ts';
import { LocalFunction, onFunctionCreated } from '../runtime/local-function.ts';
import { deployableHandler } from '../runtime/user-handler.ts';

export interface FunctionOptions {
  memoryMb?: number;
  timeoutMs?: number;
  /** Lab-only: lowers Lambda's 10 s init limit, for demos and tests (`--init-timeout`). */
  initTimeoutMs?: number;
  reservedConcurrency?: number;
  perExecutionEnvironmentMaxConcurrency?: number;
  /** Lambda Managed Instances (`--per-env-concurrency`): worker threads, never frozen. */
  managedInstances?: boolean;
  /** Managed Instances: worker threads per environment, set as AWS does, AWS_LAMBDA_NODEJS_WORKER_COUNT. */
  workers?: number;
  unbundled?: boolean;
  /** A learner's own handler module (absolute path) instead of the lab's app: `lab invoke --handler`. */
  handler?: string;
  /** Its export, as in `_HANDLER=<file>.<export>`. */
  handlerExport?: string;
  logFormat?: 'Text' | 'JSON';
}

type Database = Awaited<ReturnType<typeof openLabDatabase>>;

/**
 * The running lab behind every command: one database, the current build, and the deployed
 * functions. A one-shot command makes one and closes it; the REPL and the lab server keep one
 * for their whole life, so a second `invoke` finds its container warm.
 */
export class LabContext {
  private db: Promise<Database> | undefined;
  private artifact: Artifact | undefined;
  private building: Promise<Artifact> | undefined;
  private readonly functions = new Map<string, LocalFunction>();
  /** The code version each learner's handler function runs (keyed as `functions`). */
  private readonly handlerVersions = new Map<string, string>();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly closeHooks: Array<() => void | Promise<void>> = [];

  database(): Promise<Database> {
    // LAB_PG_HOME (tests) puts the embedded PostgreSQL in another folder.
    const home = process.env.LAB_PG_HOME;
    this.db ??= openLabDatabase(home ? { home } : {}).catch((error: unknown) => {
      this.db = undefined;
      throw error;
    });
    return this.db;
  }

  /** The current build; rebuilt (a new version, so new containers) when a source changed. */
  build(force = false): Promise<Artifact> {
    // One build at a time: concurrent commands wait for the same one.
    this.building ??= this.buildAndDeploy(force).finally(() => (this.building = undefined));
    return this.building;
  }

  /** Build = deploy: a version the functions do not run yet (built here or by another lab process) is deployed. */
  private async buildAndDeploy(force: boolean): Promise<Artifact> {
    const built = await buildIfStale({ sources: APP_SOURCES, force });
    const previous = this.artifact;
    this.artifact = built;
    if (previous && previous.version !== built.version) {
      for (const [key, fn] of this.functions) {
        if (this.handlerVersions.has(key)) continue; // a learner's handler, not the app
        await fn.deploy(fn.settings.handlerPath.endsWith('.mjs') ? built.bundledPath : built.unbundledPath);
      }
    }
    return built;
  }

  /** The function for these settings; the same settings give the same (possibly warm) function. */
  async function(options: FunctionOptions = {}): Promise<LocalFunction> {
    if (options.handler) return this.handlerFunction(options.handler, options);
    const [artifact, db] = await Promise.all([this.build(), this.database()]);
    const key = JSON.stringify(options);
    let fn = this.functions.get(key);
    if (!fn) {
      const config: FunctionConfig = functionConfig({
        handlerPath: options.unbundled ? artifact.unbundledPath : artifact.bundledPath,
        ...(options.memoryMb ? { memoryMb: options.memoryMb } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.initTimeoutMs ? { initTimeoutMs: options.initTimeoutMs } : {}),
        ...(options.logFormat ? { logFormat: options.logFormat } : {}),
        ...(options.reservedConcurrency ? { reservedConcurrency: options.reservedConcurrency } : {}),
        ...managedInstanceSettings(options),
        environment: { DATABASE_URL: db.url, ...APP_ENVIRONMENT, ...workerEnvironment(options) },
      });
      fn = new LocalFunction(config);
      this.functions.set(key, fn);
    }
    return fn;
  }

  /**
   * A learner's handler: one deployed function per file and settings, warm across commands, and
   * redeployed (next call cold) when the file changed. It gets no DATABASE_URL: it is not the
   * lab's app, and on AWS a function has only the variables its owner set.
   */
  private async handlerFunction(path: string, options: FunctionOptions): Promise<LocalFunction> {
    const deployable = await deployableHandler(path);
    const key = JSON.stringify(options);
    const existing = this.functions.get(key);
    if (existing) {
      if (this.handlerVersions.get(key) !== deployable.version) await existing.deploy(deployable.path);
      this.handlerVersions.set(key, deployable.version);
      return existing;
    }
    const fn = new LocalFunction(
      functionConfig({
        functionName: basename(path).replace(/\.[^.]+$/, '') || 'function',
        handlerPath: deployable.path,
        ...(options.handlerExport ? { handlerExport: options.handlerExport } : {}),
        ...(options.memoryMb ? { memoryMb: options.memoryMb } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.initTimeoutMs ? { initTimeoutMs: options.initTimeoutMs } : {}),
        ...(options.logFormat ? { logFormat: options.logFormat } : {}),
        ...(options.reservedConcurrency ? { reservedConcurrency: options.reservedConcurrency } : {}),
        ...managedInstanceSettings(options),
        environment: workerEnvironment(options),
      }),
    );
    this.functions.set(key, fn);
    this.handlerVersions.set(key, deployable.version);
    return fn;
  }

  allFunctions(): LocalFunction[] {
    return [...this.functions.values()];
  }

  /**
   * Called for every function this process deploys from now on, the lab's own and those a
   * scenario or the mapping inspector makes for itself (the lab server streams their traces).
   */
  onFunction(listener: (fn: LocalFunction) => void): void {
    this.unsubscribe.push(onFunctionCreated(listener));
    for (const fn of this.functions.values()) listener(fn);
  }

  /**
   * Runs once at the next close(), before the database stops: for what a command keeps warm on
   * this lab beyond the functions it made itself (the mapping's defaults build).
   */
  onClose(hook: () => void | Promise<void>): void {
    this.closeHooks.push(hook);
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all(this.closeHooks.splice(0).map((hook) => hook()));
    await Promise.all([...this.functions.values()].map((fn) => fn.shutdown()));
    this.functions.clear();
    this.handlerVersions.clear();
    if (this.db) await (await this.db).stop();
    this.db = undefined;
  }
}

function managedInstanceSettings(options: FunctionOptions): Partial<FunctionConfig> {
  return {
    ...(options.managedInstances ? { managedInstances: true } : {}),
    ...(options.perExecutionEnvironmentMaxConcurrency
      ? { perExecutionEnvironmentMaxConcurrency: options.perExecutionEnvironmentMaxConcurrency }
      : {}),
  };
}

/** The worker count is a variable of the function's own on AWS (lambda-managed-instances-nodejs-runtime.html). */
function workerEnvironment(options: FunctionOptions): Record<string, string> {
  return options.workers ? { AWS_LAMBDA_NODEJS_WORKER_COUNT: String(options.workers) } : {};
}
