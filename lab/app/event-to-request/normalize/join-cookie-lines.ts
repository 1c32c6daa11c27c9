import type { HttpEvent } from '../http-event.ts';

/**
 * REST v1 and ALB give each `Cookie` line its own entry in multiValueHeaders, and the adapter
 * joins every multi-value header with "," — `a=1,b=2` reads as ONE cookie `a` = `1,b=2`.
 * Cookie lines are joined with "; " (RFC 6265), so do that before the adapter does the wrong join.
 */
export function joinCookieLines(event: HttpEvent): HttpEvent {
  const headers = event.multiValueHeaders;
  if (!headers) return event;
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'cookie');
  if (!name || !Array.isArray(headers[name]) || headers[name].length < 2) return event;
  return { ...event, multiValueHeaders: { ...headers, [name]: [headers[name].join('; ')] } };
}
