// Wrong: "init must stay short": loading waits for the bootstrap at most 100 ms.
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
await Promise.race([ready, sleep(100)]);

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await ready;
  return proxy(event, context, () => undefined);
};
