// Right, differently: the built proxy and the build in flight kept apart.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let proxy: ProxyHandler | undefined;
let building: Promise<ProxyHandler> | undefined;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  if (!proxy) {
    building ??= bootstrap().finally(() => (building = undefined));
    proxy = await building;
  }
  return proxy(event, context, () => undefined);
};
