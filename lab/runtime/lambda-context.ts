import { randomFillSync } from 'node:crypto';

export interface ContextFields {
  functionName: string;
  memoryMb: number;
  requestId: string;
  deadlineMs: number;
  logStreamName: string;
  traceId: string;
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/**
 * The `context` argument of a nodejs24.x handler. Sources: AWS docs, "Using the Lambda context
 * object to retrieve Node.js function information" (nodejs-context.html) for the fields, and the
 * runtime client's InvokeContext.js (v3.3.0) for how they are filled (clientContext, identity and
 * tenantId from the invoke's headers, absent here). Node.js 24 dropped callback handlers (same
 * page: callback-based handlers only up to Node.js 22), and with them the callback-era
 * `callbackWaitsForEmptyEventLoop`, `done`, `succeed`, `fail`. `xRayTraceId` is the nodejs24.x
 * client's (its context/types.ts, per the issue: the lab's stored copy of the client, v3.3.0, is older).
 */
export interface NodejsContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: undefined;
  clientContext?: undefined;
  tenantId?: undefined;
  xRayTraceId: string;
  getRemainingTimeInMillis(): number;
}

export function createContext(f: ContextFields): NodejsContext {
  return {
    functionName: f.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${f.functionName}`,
    memoryLimitInMB: String(f.memoryMb),
    awsRequestId: f.requestId,
    logGroupName: `/aws/lambda/${f.functionName}`,
    logStreamName: f.logStreamName,
    xRayTraceId: f.traceId,
    // InvokeContext.js: deadline - Date.now(), not clamped at 0.
    getRemainingTimeInMillis: () => f.deadlineMs - Date.now(),
  };
}

/**
 * An X-Ray trace header, new for each invoke (docs, "Defined runtime environment variables":
 * _X_AMZN_TRACE_ID "changes with each invocation"): Root=1-<epoch seconds, hex>-<96 random bits>.
 */
export function traceHeader(nowMs = Date.now()): string {
  const hex = randomHex(24);
  const root = `1-${Math.floor(nowMs / 1000).toString(16)}-${hex.slice(0, 24)}`;
  return `Root=${root};Parent=${hex.slice(24, 40)};Sampled=0;Lineage=1:${hex.slice(40, 48)}:0`;
}

// Random bytes drawn from a pool filled 4 KiB at a time: one getrandom() per ~170 invokes instead
// of three per invoke, which the warm path's profile showed as its second cost after the signals.
const POOL = Buffer.alloc(4_096);
let poolOffset = POOL.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const hex = POOL.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/**
 * The environment of a nodejs24.x function, and nothing of the host's or the lab's. Source: AWS
 * docs, "Working with Lambda environment variables", "Defined runtime environment variables"
 * (configuration-envvars.html#configuration-envvars-runtime), values for the Node.js runtimes.
 */
export function lambdaEnvironment(opts: {
  functionName: string;
  memoryMb: number;
  handler: string;
  taskRoot: string;
  logStreamName: string;
}): Record<string, string> {
  return {
    _HANDLER: opts.handler,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: opts.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(opts.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${opts.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: opts.logStreamName,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    LAMBDA_TASK_ROOT: opts.taskRoot,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LD_LIBRARY_PATH: '/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib',
    NODE_PATH:
      '/opt/nodejs/node24/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task',
  };
}
