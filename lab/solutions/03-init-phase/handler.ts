import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

// Top-level await: the module finishes loading only once the app is built, so the whole
// bootstrap runs in the init phase (Init Duration) and the first call only handles its request.
// A bootstrap that fails here fails the init phase; Lambda starts a fresh environment next time.
const proxy = await bootstrap();

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  return proxy(event, context, () => undefined);
};
