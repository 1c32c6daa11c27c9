// Right, differently: the app and its proxy built in a chain, awaited at the top.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

const proxy = await createApp().then((app) => configure({ app }) as ProxyHandler);

export const handler = (event: unknown, context: Context): Promise<unknown> => {
  void sleep;
  void bootstrap;
  return proxy(event, context, () => undefined) as Promise<unknown>;
};
