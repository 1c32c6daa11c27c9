import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Context, Handler } from 'aws-lambda';
import express from 'express';
import { CatalogModule } from './catalog.module.ts';

type ProxyHandler = Handler<unknown, unknown>;

// The Express instance made here and given to Nest: the adapter serves the same object.
async function bootstrap(): Promise<ProxyHandler> {
  const server = express();
  const app = await NestFactory.create(CatalogModule, new ExpressAdapter(server), { logger: ['error', 'warn'] });
  await app.init();
  return configure({ app: server }) as ProxyHandler;
}

// Built while the module loads, in the init phase.
const proxy = await bootstrap();

export const handler = async (event: unknown, context: Context) => proxy(event, context, () => undefined);
