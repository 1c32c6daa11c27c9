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
  /** 1 is on-demand Lambda; above 1 models Lambda Managed Instances (several requests per environment). */
  perExecutionEnvironmentMaxConcurrency: number;
  /** An environment idle this long is reaped (AWS keeps them for minutes, unpredictably). */
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
  perExecutionEnvironmentMaxConcurrency: 1,
  idleReapMs: 15 * 60_000,
  logFormat: 'Text',
} as const;

/**
 * The lab app's own function variables, as its owner sets them on AWS (deploy/ sets the same):
 * Lambda sets neither, and without NO_COLOR Nest writes ANSI colour codes into CloudWatch.
 */
export const APP_ENVIRONMENT = { NODE_ENV: 'production', NO_COLOR: '1' } as const;

export function functionConfig(
  overrides: Partial<FunctionConfig> & Pick<FunctionConfig, 'handlerPath'>,
): FunctionConfig {
  const config: FunctionConfig = { ...LAMBDA_DEFAULTS, environment: {}, ...overrides };
  assertRange('memoryMb', config.memoryMb, 128, 10_240);
  assertRange('timeoutMs', config.timeoutMs, 1, 900_000);
  assertRange('reservedConcurrency', config.reservedConcurrency, 1, 1_000);
  assertRange('perExecutionEnvironmentMaxConcurrency', config.perExecutionEnvironmentMaxConcurrency, 1, 64);
  return config;
}

function assertRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be between ${min} and ${max} (got ${value}).`);
  }
}
