// The exercise's handler: the cached bootstrap of exercise 01. You don't need to edit this file.
import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import { NestFactory } from '@nestjs/core';
import type { Context, Handler } from 'aws-lambda';
import { QuoteModule } from './quote.module.ts';

type ProxyHandler = Handler<unknown, unknown>;

let cachedProxy: Promise<ProxyHandler> | undefined;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await NestFactory.create(QuoteModule, { logger: ['error', 'warn'] });
  await app.init();
  return configure({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler;
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedProxy ??= bootstrap().catch((error: unknown) => {
    cachedProxy = undefined;
    throw error;
  });
  const proxy = await cachedProxy;
  return proxy(event, context, () => undefined);
};
