// Right, differently: the awaited value is a promise kept at module scope, awaited at the top.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

const ready: Promise<ProxyHandler> = bootstrap();
const proxy = await ready;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  void sleep;
  return proxy(event, context, () => undefined);
};
