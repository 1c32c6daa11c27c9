/**
 * The ground truth of `lab verify`: the learner's handler module loaded in a plain Node process
 * (the probe preloaded, as in the Lambda environment), its Nest app bootstrapped the way the
 * handler does it (at import, or on a first call), then that same Express instance served on
 * 127.0.0.1. What the app answers here, with no Lambda and no adapter between, is what the
 * handler should answer. argv: <handler path> <export>. Reports over IPC (records.ts DirectMessage).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ProbeState } from './preload.ts';
import { WARM_UP_ID, type AppRoute, type DirectMessage } from './records.ts';

const [handlerPath, exportName] = process.argv.slice(2) as [string, string];
const state = (globalThis as Record<symbol, unknown>)[Symbol.for('boundary-lab.verify-probe')] as
  ProbeState | undefined;

function report(message: DirectMessage): void {
  process.send?.(message);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** A bodiless GET / as an HTTP API sends it: enough for a handler that bootstraps on its first call. */
function warmUpEvent(): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { host: 'localhost', accept: '*/*' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'verify',
      domainName: 'localhost',
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'boundary-lab' },
      requestId: WARM_UP_ID,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

function warmUpContext(): Record<string, unknown> {
  return {
    awsRequestId: WARM_UP_ID,
    functionName: 'verify',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:verify',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/verify',
    logStreamName: 'verify',
    getRemainingTimeInMillis: () => 30_000,
  };
}

async function settled(): Promise<void> {
  while (state && state.pending.size > 0) await Promise.allSettled([...state.pending]);
}

/** The routes Express holds after Nest's init: Express 5 keeps its router at `router`, Express 4 at `_router`. */
function routesOf(
  instance: ReturnType<ReturnType<ProbeState['apps'][number]['getHttpAdapter']>['getInstance']>,
): AppRoute[] {
  const stack = instance.router?.stack ?? instance._router?.stack ?? [];
  const routes: AppRoute[] = [];
  for (const layer of stack) {
    const path = layer.route?.path;
    const methods = Object.keys(layer.route?.methods ?? {}).filter((m) => layer.route?.methods?.[m]);
    for (const p of Array.isArray(path) ? path : [path]) {
      if (typeof p !== 'string') continue; // a RegExp route: no request can be made up for it
      for (const method of methods) routes.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path: p });
    }
  }
  return routes;
}

async function main(): Promise<void> {
  let mod: Record<string, unknown>;
  try {
    mod = handlerPath.endsWith('.cjs')
      ? (createRequire(import.meta.url)(handlerPath) as Record<string, unknown>)
      : ((await import(pathToFileURL(handlerPath).href)) as Record<string, unknown>);
  } catch (error) {
    return report({ type: 'failed', reason: 'load', message: firstLine(error) });
  }
  if (!state?.found) {
    return report({ type: 'failed', reason: 'not-nest', message: '@nestjs/core is not resolvable from the handler' });
  }
  await settled();
  const handler = mod[exportName];
  if (typeof handler !== 'function') {
    return report({
      type: 'failed',
      reason: 'no-export',
      message: `the module has no function export "${exportName}"`,
    });
  }
  if (state.apps.length === 0) {
    // Bootstrapped on the first call, as most serverless-express handlers do.
    try {
      await (handler as (e: unknown, c: unknown) => unknown)(warmUpEvent(), warmUpContext());
    } catch {
      // A 404 or an error for GET /: the bootstrap is what we wanted from it.
    }
    await settled();
  }
  // An app whose init failed (a database it cannot reach) holds half its routes: no ground truth.
  if (state.failures[0]) return report({ type: 'failed', reason: 'bootstrap', message: state.failures[0] });
  const app = state.apps[0];
  if (!app)
    return report({
      type: 'failed',
      reason: 'not-nest',
      message: 'no NestFactory.create ran at import or on a first call',
    });
  const instance = app.getHttpAdapter().getInstance();
  if (typeof instance !== 'function' || typeof instance.handle !== 'function') {
    return report({
      type: 'failed',
      reason: 'not-express',
      message: 'the Nest app does not run on the Express adapter',
    });
  }
  const server = createServer(instance as Parameters<typeof createServer>[0] & object);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    report({ type: 'ready', port, routes: routesOf(instance) });
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => report({ type: 'failed', reason: 'bootstrap', message: firstLine(error) }));
