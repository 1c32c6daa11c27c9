import type { HttpEvent } from '../http-event.ts';

/**
 * The client's Content-Length describes the bytes it sent, not the body the event carries (a GET
 * with `content-length: 41` and no body, in a real fixture). The adapter sets Content-Length
 * itself when there is a body and passes the client's on when there is none, so the body parser
 * waits for 41 bytes that never come: 400 "request size did not match content length".
 */
export function dropClientContentLength(event: HttpEvent): HttpEvent {
  const without = <T>(map: Record<string, T> | null | undefined) =>
    map && Object.fromEntries(Object.entries(map).filter(([name]) => name.toLowerCase() !== 'content-length'));
  return { ...event, headers: without(event.headers), multiValueHeaders: without(event.multiValueHeaders) };
}
