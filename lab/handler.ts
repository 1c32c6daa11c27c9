import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app/create-app.ts';

type ProxyHandler = Handler<unknown, unknown>;

// Module scope lives as long as the container: this promise is created by the first (cold)
// invocation and awaited by every warm one. Caching the promise, not its result, means
// concurrent cold calls share one bootstrap instead of racing to build two apps.
let cachedHandler: Promise<ProxyHandler> | undefined;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

function getHandler(): Promise<ProxyHandler> {
  cachedHandler ??= bootstrap().catch((error: unknown) => {
    // A failed bootstrap must not be cached forever: the next invocation tries again.
    cachedHandler = undefined;
    throw error;
  });
  return cachedHandler;
}

// nodejs24.x supports only async handlers: (event, context), no callback.
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await getHandler();
  return proxy(event, context, () => undefined);
};
