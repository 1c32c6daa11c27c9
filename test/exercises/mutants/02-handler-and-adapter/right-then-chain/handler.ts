import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import { NestFactory } from '@nestjs/core';
import type { Context, Handler } from 'aws-lambda';
import { CatalogModule } from './catalog.module.ts';

type ProxyHandler = Handler<unknown, unknown>;

// Not async, but it returns a promise and declares two parameters: the runtime accepts it.
let proxy: Promise<ProxyHandler> | undefined;

export function handler(event: unknown, context: Context): Promise<unknown> {
  proxy ??= NestFactory.create(CatalogModule, { logger: ['error', 'warn'] })
    .then((app) => app.init())
    .then((app) => configure({ app: app.getHttpAdapter().getInstance() }) as ProxyHandler);
  return proxy.then((serve) => serve(event, context, () => undefined));
}
