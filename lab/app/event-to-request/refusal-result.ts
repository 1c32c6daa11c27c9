import { detectSource } from './detect-source.ts';
import type { HttpEvent } from './http-event.ts';

/** A 400 with a JSON message, in the shape the event's source expects back. */
export function refusalResult(event: HttpEvent, message: string): unknown {
  const body = JSON.stringify({ statusCode: 400, error: 'Bad Request', message });
  const contentType = 'application/json; charset=utf-8';
  if (detectSource(event) === 'alb' && event.multiValueHeaders) {
    return { statusCode: 400, multiValueHeaders: { 'content-type': [contentType] }, body, isBase64Encoded: false };
  }
  return { statusCode: 400, headers: { 'content-type': contentType }, body, isBase64Encoded: false };
}
