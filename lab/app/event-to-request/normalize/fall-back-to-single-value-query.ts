import { eventKind, type HttpEvent } from '../http-event.ts';

/**
 * REST API v1: the adapter builds the query from multiValueQueryStringParameters only. An event
 * that carries just queryStringParameters (hand-written, tests, some proxies) loses its query.
 */
export function fallBackToSingleValueQuery(event: HttpEvent): HttpEvent {
  if (eventKind(event) !== 'rest-v1' || event.multiValueQueryStringParameters || !event.queryStringParameters)
    return event;
  const multi = Object.fromEntries(Object.entries(event.queryStringParameters).map(([key, value]) => [key, [value]]));
  return { ...event, multiValueQueryStringParameters: multi };
}
