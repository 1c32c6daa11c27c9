/** What the local Lambda knows about one function: the settings you would set on AWS. */
export interface FunctionConfig {
  functionName: string;
  /** Absolute path of the built module that exports the handler. */
  handlerPath: string;
  /** The export to call, as in `_HANDLER=handler.handler`. */
  handlerExport: string;
  memoryMb: number;
  timeoutMs: number;
  /** Lambda's init phase limit (10 s on AWS, fixed there); lower only for demos and tests (`--init-timeout`). */
  initTimeoutMs: number;
  reservedConcurrency: number;
  /**
   * Lambda Managed Instances (docs: lambda-managed-instances-execution-environment.html): environments
   * never frozen, several requests at once, on worker threads (Node.js). False is on-demand Lambda.
   * Set by functionConfig() when perExecutionEnvironmentMaxConcurrency is above 1.
   */
  managedInstances: boolean;
  /** 1 on on-demand Lambda; on Managed Instances up to 1,600 (API_LambdaManagedInstancesCapacityProviderConfig.html). */
  perExecutionEnvironmentMaxConcurrency: number;
  /** An environment idle this long is reaped (AWS keeps them for minutes, unpredictably): LAB_IDLE_REAP_MS. */
  idleReapMs: number;
  environment: Record<string, string>;
  /** The function's LogFormat (docs: monitoring-cloudwatchlogs-logformat.html): its own lines as text or JSON. */
  logFormat: 'Text' | 'JSON';
}

/**
 * The lab's own settings for a function nobody configured. Not all of them are AWS's: AWS's
 * defaults are 128 MB and 3 s, with no reserved concurrency (docs: configuration-memory.html,
 * configuration-timeout.html, configuration-concurrency.html). The lab picks 512 MB so Nest's
 * cold start is not a CPU-starved one, and reserves 10 so a runaway loop cannot fork without end.
 */
export const LAMBDA_DEFAULTS = {
  functionName: 'boundary-lab',
  handlerExport: 'handler',
  memoryMb: 512,
  timeoutMs: 3_000,
  initTimeoutMs: 10_000,
  reservedConcurrency: 10,
  managedInstances: false,
  perExecutionEnvironmentMaxConcurrency: 1,
  logFormat: 'Text',
} as const;

/**
 * The lab app's own function variables, as its owner sets them on AWS (deploy/ sets the same):
 * Lambda sets neither, and without NO_COLOR Nest writes ANSI colour codes into CloudWatch.
 */
export const APP_ENVIRONMENT = { NODE_ENV: 'production', NO_COLOR: '1' } as const;

/**
 * How long an idle (frozen) environment lives: the lab's choice, not AWS's. AWS publishes no
 * figure; measurements found idle environments reclaimed after 45–60 min in 2017
 * (theburningmonk.com/2017/06/finding-coldstarts-how-long-does-aws-lambda-keep-your-idle-functions-around/)
 * and after exactly 10 min from August 2019 (mikhail.io/2019/08/aws-lambda-cold-starts-after-10-minutes/),
 * "can be terminated earlier" in both. On a laptop every frozen environment holds ~100 MB of the
 * learner's memory, so the lab reaps after 5 minutes: shorter than AWS, long enough for a lesson's
 * commands to find their environments warm. LAB_IDLE_REAP_MS changes it.
 */
export const DEFAULT_IDLE_REAP_MS = 5 * 60_000;

/** LAB_IDLE_REAP_MS, or the default; a value that is not a whole number of ms from 1 s to 1 day says so. */
export function idleReapMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LAB_IDLE_REAP_MS;
  if (raw === undefined || raw === '') return DEFAULT_IDLE_REAP_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 86_400_000) {
    throw new RangeError(
      `LAB_IDLE_REAP_MS must be a whole number of milliseconds from 1000 to 86400000 (got "${raw}"): unset it for 5 minutes.`,
    );
  }
  return ms;
}

/**
 * Managed Instances, Node.js (docs: lambda-managed-instances-nodejs-runtime.html): "the default is
 * 64 concurrent requests per vCPU"; the API accepts 1 to 1,600 per environment
 * (API_LambdaManagedInstancesCapacityProviderConfig.html, PerExecutionEnvironmentMaxConcurrency).
 */
export const MANAGED_INSTANCES = { concurrencyPerVcpu: 64, maxConcurrency: 1_600, minInitLimitMs: 130_000 } as const;

/**
 * An environment's vCPUs on Managed Instances: its memory over ExecutionEnvironmentMemoryGiBPerVCpu
 * (2.0 to 8.0 GiB per vCPU, same API page). The lab takes 2 GiB per vCPU, the smallest ratio (its
 * choice: the pages do not state AWS's default), and never fewer than one vCPU.
 */
export function managedInstanceVcpus(memoryMb: number): number {
  return Math.max(1, Math.floor(memoryMb / 2_048));
}

/**
 * Worker threads per environment (docs: lambda-managed-instances-nodejs-runtime.html): "The default
 * number of worker threads is determined by the number of vCPUs available, or you can configure the
 * number of worker threads by setting the AWS_LAMBDA_NODEJS_WORKER_COUNT environment variable."
 */
export function workerCount(config: Pick<FunctionConfig, 'memoryMb' | 'environment'>): number {
  const configured = Number(config.environment.AWS_LAMBDA_NODEJS_WORKER_COUNT);
  return Number.isInteger(configured) && configured >= 1 ? configured : managedInstanceVcpus(config.memoryMb);
}

export function functionConfig(
  overrides: Partial<FunctionConfig> & Pick<FunctionConfig, 'handlerPath'>,
): FunctionConfig {
  const managedInstances = overrides.managedInstances ?? (overrides.perExecutionEnvironmentMaxConcurrency ?? 1) > 1;
  const config: FunctionConfig = {
    ...LAMBDA_DEFAULTS,
    idleReapMs: overrides.idleReapMs ?? idleReapMs(),
    environment: {},
    ...overrides,
    managedInstances,
  };
  assertRange('memoryMb', config.memoryMb, 128, 10_240);
  assertRange('timeoutMs', config.timeoutMs, 1, 900_000);
  assertRange('reservedConcurrency', config.reservedConcurrency, 1, 1_000);
  if (managedInstances) {
    if (overrides.perExecutionEnvironmentMaxConcurrency === undefined) {
      config.perExecutionEnvironmentMaxConcurrency = Math.min(
        MANAGED_INSTANCES.maxConcurrency,
        MANAGED_INSTANCES.concurrencyPerVcpu * managedInstanceVcpus(config.memoryMb),
      );
    }
    // lambda-managed-instances-execution-environment.html: "The timeout is the maximum of 130 seconds
    // or the configured function timeout" (on-demand's init has 10 s).
    if (overrides.initTimeoutMs === undefined) {
      config.initTimeoutMs = Math.max(MANAGED_INSTANCES.minInitLimitMs, config.timeoutMs);
    }
    const workers = config.environment.AWS_LAMBDA_NODEJS_WORKER_COUNT;
    if (workers !== undefined && !/^[1-9]\d*$/.test(workers)) {
      throw new RangeError(`AWS_LAMBDA_NODEJS_WORKER_COUNT must be a whole number from 1 (got ${workers}).`);
    }
  }
  // On-demand Lambda serves one request per environment at a time (docs: lambda-runtime-environment.html).
  const maxConcurrency = managedInstances ? MANAGED_INSTANCES.maxConcurrency : 1;
  assertRange('perExecutionEnvironmentMaxConcurrency', config.perExecutionEnvironmentMaxConcurrency, 1, maxConcurrency);
  return config;
}

function assertRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be between ${min} and ${max} (got ${value}).`);
  }
}
