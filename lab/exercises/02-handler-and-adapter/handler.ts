import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import { NestFactory } from '@nestjs/core';
import type { Callback, Context, Handler } from 'aws-lambda';
import { CatalogModule } from './catalog.module.ts';

type ProxyHandler = Handler<unknown, unknown>;

/** The cold start boundary: build the Nest app and hand its Express instance to the adapter. */
async function bootstrap(): Promise<ProxyHandler> {
  const app = await NestFactory.create(CatalogModule, { logger: ['error', 'warn'] });
  // TODO: what has NestFactory.create() done by now, and what is still missing before Express
  // can answer GET /catalog with the catalogue that onModuleInit loads?
  return configure({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler;
}

let cachedProxy: Promise<ProxyHandler> | undefined;

// TODO: this is the shape of NestJS's serverless recipe. Run `check 02` and read what the
// nodejs24.x runtime says about it.
export const handler = async (event: unknown, context: Context, callback: Callback): Promise<unknown> => {
  cachedProxy ??= bootstrap().catch((error: unknown) => {
    cachedProxy = undefined;
    throw error;
  });
  const proxy = await cachedProxy;
  return proxy(event, context, callback);
};
