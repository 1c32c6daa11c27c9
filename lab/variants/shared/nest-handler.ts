import 'reflect-metadata';
import { configure } from '@codegenie/serverless-express';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Context, Handler } from 'aws-lambda';
import express from 'express';
import { runInvocation } from '../../app/event-to-request/current-invocation.ts';
import type { HttpEvent } from '../../app/event-to-request/http-event.ts';

type ProxyHandler = Handler<unknown, unknown>;

/**
 * The cached handler for any root module. The variants await it at the top level of their
 * handler module, so Nest is built in the init phase (Init Duration) and every invocation,
 * the first included, reuses it: the scenarios' Lambda timeouts then time the request alone.
 * Each invocation runs in its own AsyncLocalStorage context (lab/app/event-to-request/current-invocation.ts), so code
 * that needs the event or the context asks for the current invocation, not a module variable.
 */
export async function nestHandler(
  rootModule: Type<unknown>,
): Promise<(event: unknown, context: Context) => Promise<unknown>> {
  const server = express();
  const app = await NestFactory.create(rootModule, new ExpressAdapter(server), { logger: ['error', 'warn'] });
  await app.init();
  const proxy = configure({ app: server }) as ProxyHandler;
  return async (event: unknown, context: Context): Promise<unknown> =>
    runInvocation({ event: event as HttpEvent, context }, () => proxy(event, context, () => undefined));
}
