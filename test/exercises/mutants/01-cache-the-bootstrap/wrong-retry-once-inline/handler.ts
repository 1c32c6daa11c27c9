// Wrong: one retry written into the cached promise; a second failure stays cached forever.
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
  cachedProxy ??= bootstrap().catch(() => bootstrap());
  const proxy = await cachedProxy;
  return proxy(event, context, () => undefined);
};
