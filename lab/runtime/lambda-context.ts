import type { Context } from 'aws-lambda';

export interface ContextFields {
  functionName: string;
  memoryMb: number;
  requestId: string;
  deadlineMs: number;
  logStreamName: string;
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/** The `context` argument as the nodejs24.x runtime builds it. */
export function createContext(f: ContextFields): Context {
  const deprecated = (name: string) => () => {
    throw new Error(`context.${name}() is not supported by nodejs24.x handlers: return a value or throw instead.`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: f.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${f.functionName}`,
    memoryLimitInMB: String(f.memoryMb),
    awsRequestId: f.requestId,
    logGroupName: `/aws/lambda/${f.functionName}`,
    logStreamName: f.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, f.deadlineMs - Date.now()),
    done: deprecated('done'),
    fail: deprecated('fail'),
    succeed: deprecated('succeed'),
  };
}

export function lambdaEnvironment(opts: {
  functionName: string;
  memoryMb: number;
  handler: string;
  taskRoot: string;
  logStreamName: string;
}): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: opts.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(opts.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${opts.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: opts.logStreamName,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: opts.taskRoot,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: opts.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    NODE_ENV: 'production',
    NO_COLOR: '1',
  };
}
