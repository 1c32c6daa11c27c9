import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import { NestFactory } from '@nestjs/core';
import type { Context, Handler } from 'aws-lambda';
import { CatalogModule } from './catalog.module.ts';

type ProxyHandler = Handler<unknown, unknown>;

/** The cold start boundary: build the Nest app and hand its Express instance to the adapter. */
async function bootstrap(): Promise<ProxyHandler> {
  // NestFactory.create() scans the modules, builds the DI graph and creates the providers.
  const app = await NestFactory.create(CatalogModule, { logger: ['error', 'warn'] });
  // app.init() registers the routes and runs onModuleInit: until it resolves, Express has no
  // Nest route and the catalogue is not loaded.
  void app.init();
  return configure({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler;
}

// Rule 2 of the map: one app per environment, its promise kept in module scope (exercise 01).
let cachedProxy: Promise<ProxyHandler> | undefined;

// Two parameters and a promise: nodejs24.x refuses a handler that declares a third (callback),
// before any of this code runs. The adapter's own callback parameter gets a no-op.
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedProxy ??= bootstrap().catch((error: unknown) => {
    cachedProxy = undefined;
    throw error;
  });
  const proxy = await cachedProxy;
  return proxy(event, context, () => undefined);
};
