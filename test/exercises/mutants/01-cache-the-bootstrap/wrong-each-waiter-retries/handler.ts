// Wrong: after a failure each waiting call clears the variable and starts a rebuild of its own.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let cachedProxy: Promise<ProxyHandler> | undefined;

async function getProxy(): Promise<ProxyHandler> {
  cachedProxy ??= bootstrap();
  try {
    return await cachedProxy;
  } catch {
    cachedProxy = undefined;
    cachedProxy = bootstrap();
    return cachedProxy;
  }
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await getProxy();
  return proxy(event, context, () => undefined);
};
