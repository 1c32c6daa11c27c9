import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

interface Seen {
  env: Record<string, string>;
  contextKeys: string[];
  xRayTraceId: string;
}

// Source: AWS docs, configuration-envvars.html ("Defined runtime environment variables") and
// nodejs-context.html; the runtime client's InvokeContext.js (_forwardXRay, _headerData).
describe('the environment and context of a nodejs24.x function', () => {
  it('sets only what Lambda defines plus the function own variables: no host PATH, no LAB_*', async () => {
    fn = fixtureFunction('environment', { memoryMb: 256, environment: { GREETING: 'hi' } });
    const { env } = (await fn.invoke({})).result as Seen;
    expect(env).toMatchObject({
      _HANDLER: 'environment.handler',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
      GREETING: 'hi',
    });
    expect(Object.keys(env).filter((k) => k.startsWith('LAB_'))).toEqual([]);
    expect(env.HOME).toBeUndefined();
    expect(env.NODE_ENV).toBeUndefined();
  });

  it('gives each invoke its own _X_AMZN_TRACE_ID, the same as context.xRayTraceId', async () => {
    fn = fixtureFunction('environment');
    const first = (await fn.invoke({})).result as Seen;
    const second = (await fn.invoke({})).result as Seen;
    expect(first.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0/);
    expect(first.xRayTraceId).toBe(first.env._X_AMZN_TRACE_ID);
    expect(second.env._X_AMZN_TRACE_ID).not.toBe(first.env._X_AMZN_TRACE_ID);
  });

  it('has no callback-era members: Node.js 24 removed callback handlers', async () => {
    fn = fixtureFunction('environment');
    const { contextKeys } = (await fn.invoke({})).result as Seen;
    for (const gone of ['callbackWaitsForEmptyEventLoop', 'done', 'succeed', 'fail'])
      expect(contextKeys).not.toContain(gone);
    expect(contextKeys).toEqual(
      expect.arrayContaining([
        'awsRequestId',
        'functionName',
        'getRemainingTimeInMillis',
        'invokedFunctionArn',
        'xRayTraceId',
      ]),
    );
  });
});
