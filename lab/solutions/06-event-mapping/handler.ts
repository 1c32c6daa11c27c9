// serverless-express with its default options, exactly as lab/handler.ts started out (the
// "before" column of `lab conformance`), with three of the lab handler's fixes: the named steps
// of lab/app/event-to-request/ (lesson 6), applied before the adapter reads the event.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from '../../app/create-app.ts';
import type { HttpEvent } from '../../app/event-to-request/http-event.ts';
import { isBinaryResponse } from '../../app/event-to-request/is-binary-response.ts';
import { joinCookieLines } from '../../app/event-to-request/normalize/join-cookie-lines.ts';
import { stripStagePrefix } from '../../app/event-to-request/normalize/strip-stage-prefix.ts';

type ProxyHandler = Handler<unknown, unknown>;

let cachedHandler: Promise<ProxyHandler> | undefined;

// A body is text only when its content type says so; everything else travels as base64 bytes.
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedHandler ??= createApp().then(
    (app) => configure({ app, binarySettings: { isBinary: isBinaryResponse } }) as ProxyHandler,
  );
  const proxy = await cachedHandler;
  // `/beta/echo/stage` on the `beta` stage is `/echo/stage`; Cookie lines joined with "; ".
  const request = joinCookieLines(stripStagePrefix(event as HttpEvent));
  return proxy(request, context, () => undefined);
};
