import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { AppModule } from './app.module.ts';
import { mark, span } from './common/trace.ts';

const PARSED_BY_NEST = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * Builds the Nest app on an Express instance and returns that instance for the adapter.
 * This is the expensive part of a cold start: module scan, DI graph, route metadata.
 */
export async function createApp(): Promise<express.Express> {
  return span('init:nest-bootstrap', async () => {
    const server = express();
    // Marks where the adapter hands the request to Express, and where Express hands it back,
    // so the lab can time the adapter's own mapping work on both sides.
    server.use((_req, res, next) => {
      mark('request-in');
      res.once('finish', () => mark('response-out'));
      next();
    });
    const app = await NestFactory.create<NestExpressApplication>(AppModule, new ExpressAdapter(server), {
      rawBody: true,
      logger: ['error', 'warn', 'log'],
    });
    // JSON and forms are parsed by Nest (rawBody keeps their bytes); every other type arrives
    // as raw bytes, so a binary upload reaches the route unchanged.
    app.useBodyParser('raw', { type: (req) => !(req as express.Request).is(PARSED_BY_NEST), limit: '6mb' });
    await app.init();
    return server;
  });
}
