import { detectSource } from '../detect-source.ts';
import type { HttpEvent } from '../http-event.ts';

/**
 * REST API v1: the adapter builds the query from multiValueQueryStringParameters only. An event
 * that carries just queryStringParameters (hand-written, tests, some proxies) loses its query.
 */
export function fallBackToSingleValueQuery(event: HttpEvent): HttpEvent {
  if (detectSource(event) !== 'apigw-v1' || event.multiValueQueryStringParameters || !event.queryStringParameters)
    return event;
  const multi = Object.fromEntries(Object.entries(event.queryStringParameters).map(([key, value]) => [key, [value]]));
  return { ...event, multiValueQueryStringParameters: multi };
}
