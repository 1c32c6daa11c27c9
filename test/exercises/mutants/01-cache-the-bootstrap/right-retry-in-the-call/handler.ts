// Right, differently: a failed bootstrap is retried within the same call, a few times.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let cachedProxy: Promise<ProxyHandler> | undefined;

async function bootstrapWithRetries(): Promise<ProxyHandler> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bootstrap();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedProxy ??= bootstrapWithRetries().catch((error: unknown) => {
    cachedProxy = undefined;
    throw error;
  });
  const proxy = await cachedProxy;
  return proxy(event, context, () => undefined);
};
