// Wrong: only a header named exactly `cookie` is joined.
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
  const stage = event.requestContext?.stage;
  if (!stage || stage === '$default' || !event.rawPath?.startsWith(`/${stage}/`)) return event;
  return { ...event, rawPath: event.rawPath.slice(stage.length + 1) };
}

function joinCookies(event: Event): Event {
  const lines = event.multiValueHeaders?.cookie;
  if (!lines) return event;
  return { ...event, multiValueHeaders: { ...event.multiValueHeaders, cookie: [lines.join('; ')] } };
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
