import { detectSource } from '../detect-source.ts';
import type { HttpEvent, Refusal } from '../http-event.ts';

/**
 * ALB hands the query over exactly as the client typed it, still percent-encoded, and the adapter
 * decodes it with decodeURIComponent, which throws on a lone `%` (`?q=100%`): a 500. A malformed
 * query is the client's mistake, so answer a 400 that says so.
 */
export function rejectMalformedQuery(event: HttpEvent): HttpEvent | Refusal {
  if (detectSource(event) !== 'alb') return event;
  const query = event.multiValueQueryStringParameters ?? event.queryStringParameters ?? {};
  for (const [key, value] of Object.entries(query)) {
    for (const part of [key, ...(Array.isArray(value) ? value : [value])]) {
      if (!decodes(String(part)))
        return {
          refuse: `The query parameter "${key}" has a malformed percent-encoding (a "%" not followed by two hex digits).`,
        };
    }
  }
  return event;
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, '%20'));
    return true;
  } catch {
    return false;
  }
}
