import type { HttpEvent } from '../http-event.ts';

/**
 * `headers: null` (API Gateway's console "Test" button sends it): the adapter's v2 mapping calls
 * Object.entries(event.headers) and throws. No headers is an empty map.
 */
export function treatNullHeadersAsEmpty(event: HttpEvent): HttpEvent {
  return event.headers == null ? { ...event, headers: {} } : event;
}
