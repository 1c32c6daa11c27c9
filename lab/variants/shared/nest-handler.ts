import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Context, Handler } from 'aws-lambda';
import express from 'express';
import { runInvocation, type HttpEvent } from './invocation.ts';

type ProxyHandler = Handler<unknown, unknown>;

/**
 * The cached handler of lab/handler.ts for any root module: the Nest app is built on the cold
 * call and reused by every warm one, and each invocation runs in its own AsyncLocalStorage
 * context (shared/invocation.ts), so code that needs the event or the context asks for the
 * current invocation instead of a module variable.
 */
export function nestHandler(rootModule: Type<unknown>): (event: unknown, context: Context) => Promise<unknown> {
  let cached: Promise<ProxyHandler> | undefined;

  async function bootstrap(): Promise<ProxyHandler> {
    const server = express();
    const app = await NestFactory.create(rootModule, new ExpressAdapter(server), { logger: ['error', 'warn'] });
    await app.init();
    return configure({ app: server }) as ProxyHandler;
  }

  return async (event: unknown, context: Context): Promise<unknown> => {
    cached ??= bootstrap().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    const proxy = await cached;
    return runInvocation({ event: event as HttpEvent, context }, () => proxy(event, context, () => undefined));
  };
}
