import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from './app/create-app.ts';
import { runInvocation } from './app/event-to-request/current-invocation.ts';
import { isRefusal, type HttpEvent, type Step } from './app/event-to-request/http-event.ts';
import { isBinaryResponse } from './app/event-to-request/is-binary-response.ts';
import { askAlbForMultiValue } from './app/event-to-request/normalize/ask-alb-for-multi-value.ts';
import { dropClientContentLength } from './app/event-to-request/normalize/drop-client-content-length.ts';
import { fallBackToSingleValueQuery } from './app/event-to-request/normalize/fall-back-to-single-value-query.ts';
import { joinCookieLines } from './app/event-to-request/normalize/join-cookie-lines.ts';
import { rejectInvalidBase64 } from './app/event-to-request/normalize/reject-invalid-base64.ts';
import { rejectMalformedQuery } from './app/event-to-request/normalize/reject-malformed-query.ts';
import { requireHttpEvent } from './app/event-to-request/normalize/require-http-event.ts';
import { stripStagePrefix } from './app/event-to-request/normalize/strip-stage-prefix.ts';
import { treatNullHeadersAsEmpty } from './app/event-to-request/normalize/treat-null-headers-as-empty.ts';
import { refusalResult } from './app/event-to-request/refusal-result.ts';
import { singleValueAlbResult } from './app/event-to-request/single-value-alb-result.ts';

type ProxyHandler = Handler<unknown, unknown>;

// Module scope lives as long as the container: this promise is created by the first (cold)
// invocation and awaited by every warm one. Caching the promise, not its result, means
// concurrent cold calls share one bootstrap instead of racing to build two apps.
let cachedHandler: Promise<ProxyHandler> | undefined;

async function bootstrap(): Promise<ProxyHandler> {
  const app = await createApp();
  // The default binary list is `image/*` only: every other binary response would come back as
  // corrupted UTF-8 text. Here a body is text only when its content type says so.
  return configure({ app, binarySettings: { isBinary: isBinaryResponse } }) as ProxyHandler;
}

function getHandler(): Promise<ProxyHandler> {
  cachedHandler ??= bootstrap().catch((error: unknown) => {
    // A failed bootstrap must not be cached forever: the next invocation tries again.
    cachedHandler = undefined;
    throw error;
  });
  return cachedHandler;
}

// What serverless-express 5.0.0 would lose or break, fixed before it reads the event (lesson 6).
// Each step is one small file in app/event-to-request/normalize/, named for what it does.
const beforeTheAdapter: Step[] = [
  requireHttpEvent, // not an HTTP event: a clear invocation error
  treatNullHeadersAsEmpty, // `headers: null` crashed the v2 mapping
  rejectInvalidBase64, // isBase64Encoded with a body that is not base64: 400, not garbage
  rejectMalformedQuery, // ALB query with a lone `%`: 400, not 500
  stripStagePrefix, // HTTP API named stage left in rawPath: every route 404s
  fallBackToSingleValueQuery, // REST v1 without the multi-value map: query dropped
  joinCookieLines, // two Cookie lines joined with "," read as one cookie
  askAlbForMultiValue, // ALB single-value answers keep only the first Set-Cookie
  dropClientContentLength, // a Content-Length that does not describe the event's body: 400
];

// nodejs24.x supports only async handlers: (event, context), no callback.
export const handler = async (event: HttpEvent, context: Context): Promise<unknown> => {
  const proxy = await getHandler();
  let request: ReturnType<Step> = event;
  for (const step of beforeTheAdapter) {
    request = step(request);
    if (isRefusal(request)) return refusalResult(event, request.refuse);
  }
  // Each invocation gets its own event and context (serverless-express#674: getCurrentInvoke()
  // is one shared object, wrong when one environment serves two requests at once).
  const result = await runInvocation({ event, context }, () => proxy(request, context, () => undefined));
  return singleValueAlbResult(event, result);
};
