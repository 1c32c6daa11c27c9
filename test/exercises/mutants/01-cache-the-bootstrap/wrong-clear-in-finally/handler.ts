// Wrong: the promise is forgotten after every call, so each warm call builds the app again.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let cachedProxy: Promise<ProxyHandler> | undefined;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedProxy ??= bootstrap();
  try {
    const proxy = await cachedProxy;
    return await proxy(event, context, () => undefined);
  } finally {
    cachedProxy = undefined;
  }
};
