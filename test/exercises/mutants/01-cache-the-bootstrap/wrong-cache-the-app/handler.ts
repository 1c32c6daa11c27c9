// Wrong: the app is cached once built; calls that arrive while it builds start their own.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

let cachedProxy: ProxyHandler | undefined;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedProxy ??= await bootstrap();
  return cachedProxy(event, context, () => undefined);
};
