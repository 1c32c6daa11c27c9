// serverless-express with its default options, exactly as lab/handler.ts started out: the
// "before" column of `lab conformance` and `lab map --defaults`. Not the handler to copy.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from '../create-app.ts';

type ProxyHandler = Handler<unknown, unknown>;

let cachedHandler: Promise<ProxyHandler> | undefined;

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedHandler ??= createApp().then((app) => configure({ app }) as ProxyHandler);
  const proxy = await cachedHandler;
  return proxy(event, context, () => undefined);
};
