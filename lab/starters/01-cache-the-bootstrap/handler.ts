import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

/** Builds the whole Nest app and wraps it for Lambda events: the expensive part of a cold start. */
async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

// TODO: this builds a new Nest app on every invocation, warm or cold. Build it once per
// environment: keep it in module scope (module globals live as long as the environment).
// Cache the *promise*, so calls that arrive together while it is still building share one
// bootstrap, and forget a promise that rejected, so the next call tries again.
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await bootstrap();
  return proxy(event, context, () => undefined);
};
