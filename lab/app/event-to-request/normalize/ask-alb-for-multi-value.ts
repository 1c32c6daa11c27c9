import { detectSource } from '../detect-source.ts';
import type { HttpEvent } from '../http-event.ts';

/**
 * The adapter answers ALB with single-value `headers` whenever the event has `headers`, keeping
 * only the FIRST value of each response header (a second Set-Cookie is lost). Hand it only
 * multiValueHeaders, so it always answers multi-value; singleValueAlbResult() turns that answer
 * back into what an ALB with multi-value headers off accepts.
 */
export function askAlbForMultiValue(event: HttpEvent): HttpEvent {
  if (detectSource(event) !== 'alb' || !event.headers) return event;
  const multiValueHeaders =
    event.multiValueHeaders ?? Object.fromEntries(Object.entries(event.headers).map(([key, value]) => [key, [value]]));
  const { headers: _single, ...rest } = event;
  return { ...rest, multiValueHeaders };
}
