// Wrong: the init phase builds the app, and every call builds another.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let proxy = await bootstrap();

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  proxy = await bootstrap();
  void sleep;
  return proxy(event, context, () => undefined);
};
