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
  await app.init();
  return configure({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler;
}

// Two parameters and a promise: nodejs24.x refuses a handler that declares a third (callback).
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const proxy = await bootstrap();
  return proxy(event, context, () => undefined);
};
