// Wrong: the init phase builds an app to warm up, and the first call builds the one it uses.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

await bootstrap();
let proxy: ProxyHandler | undefined;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  proxy ??= await bootstrap();
  void sleep;
  return proxy(event, context, () => undefined);
};
