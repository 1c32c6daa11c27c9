import type { HttpEvent, Refusal } from '../http-event.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `isBase64Encoded: true` with a body that is not base64: Buffer.from(body, 'base64') never
 * fails, it silently skips what it cannot read and hands the route garbage. Refuse it instead.
 */
export function rejectInvalidBase64(event: HttpEvent): HttpEvent | Refusal {
  if (event.isBase64Encoded !== true || !event.body) return event;
  if (BASE64.test(event.body)) return event;
  return { refuse: 'The event says isBase64Encoded: true, but its body is not valid base64.' };
}
