import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

/** Builds the whole Nest app and wraps it for Lambda events: the expensive part of a cold start. */
async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

// Module scope lives as long as the environment. The promise, not its result, is cached: a call
// that arrives while the app is still building awaits the same bootstrap instead of starting
// another one.
let cachedProxy: Promise<ProxyHandler> | undefined;

function getProxy(): Promise<ProxyHandler> {
  cachedProxy ??= bootstrap().catch((error: unknown) => {
    // A rejected promise cached forever would fail every later call: forget it, try again next time.
    cachedProxy = undefined;
    throw error;
  });
  return cachedProxy;
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await getProxy();
  return proxy(event, context, () => undefined);
};
