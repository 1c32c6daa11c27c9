import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app.ts';

type ProxyHandler = Handler<unknown, unknown>;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  return configure({ app }) as ProxyHandler;
}

// TODO: the bootstrap starts when the first call arrives, so the cold call waits for it and its
// Duration carries the whole build. Start it while the module loads, in the init phase, and
// make the init phase wait until it is done (an ES module may `await` at its top level).
// Then compare Init Duration and the first call's Duration with `lab check 03`'s numbers.
let cachedProxy: Promise<ProxyHandler> | undefined;

function getProxy(): Promise<ProxyHandler> {
  cachedProxy ??= bootstrap().catch((error: unknown) => {
    cachedProxy = undefined;
    throw error;
  });
  return cachedProxy;
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await getProxy();
  return proxy(event, context, () => undefined);
};
