// Wrong: the first path segment is always dropped, as if every path carried a stage.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from '../../app/create-app.ts';

type ProxyHandler = Handler<unknown, unknown>;

interface Event {
  rawPath?: string;
  requestContext?: { stage?: string; http?: { path?: string } };
  multiValueHeaders?: Record<string, string[] | undefined>;
}

let cachedHandler: Promise<ProxyHandler> | undefined;

function stripStage(event: Event): Event {
  if (!event.rawPath || !event.requestContext?.http) return event;
  return { ...event, rawPath: event.rawPath.replace(/^\/[^/]+/, '') || '/' };
}

function joinCookies(event: Event): Event {
  const headers = event.multiValueHeaders;
  const name = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
  if (!headers || !name || !headers[name]) return event;
  return { ...event, multiValueHeaders: { ...headers, [name]: [headers[name].join('; ')] } };
}

function isBinary({ headers }: { headers: Record<string, unknown> }): boolean {
  const type = String(headers['content-type'] ?? '');
  return type !== '' && !/^text\/|json|xml|charset=/i.test(type);
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedHandler ??= createApp().then((app) => configure({ app, binarySettings: { isBinary } }) as ProxyHandler);
  const proxy = await cachedHandler;
  return proxy(joinCookies(stripStage(event as Event)), context, () => undefined);
};
