// Wrong: the bootstrap starts while the module loads, but loading does not wait for it: the
// init phase ends first and the first call waits for the rest.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

const ready = bootstrap();

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await ready;
  void sleep;
  return proxy(event, context, () => undefined);
};
