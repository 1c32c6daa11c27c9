// Right, differently: the event is fixed in place, in one function, before the adapter reads it.
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
  const headers = event.multiValueHeaders;
  const name = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
  if (!headers || !name || !headers[name]) return event;
  return { ...event, multiValueHeaders: { ...headers, [name]: [headers[name].join('; ')] } };
}

function isBinary({ headers }: { headers: Record<string, unknown> }): boolean {
  const type = String(headers['content-type'] ?? '');
  return type !== '' && !/^text\/|json|xml|charset=/i.test(type);
}

function fix(event: Event): Event {
  return joinCookies(stripStage(event));
}

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const fixed = fix(event as Event);
  Object.assign(event as object, fixed);
  cachedHandler ??= createApp().then((app) => configure({ app, binarySettings: { isBinary } }) as ProxyHandler);
  return (await cachedHandler)(event, context, () => undefined);
};
