import { requestEvent, type HttpRequest } from '../front-doors/events.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';

export { apiRequestId, type HttpRequest } from '../front-doors/events.ts';

/** An API Gateway HTTP API (payload 2.0) event, as the lab's samples look: the scenarios' default request. */
export function httpEvent(request: HttpRequest): Record<string, unknown> {
  return requestEvent({ door: 'http', payload: '2.0' }, request);
}

export interface HttpResponse {
  statusCode: number;
  body: string;
}

/** The HTTP response inside a record, or undefined when the invocation did not return one. */
export function responseOf(record: InvocationRecord): HttpResponse | undefined {
  if (record.status !== 'ok' || !record.result) return undefined;
  const result = record.result as { statusCode?: number; body?: string };
  return { statusCode: result.statusCode ?? 200, body: result.body ?? '' };
}

export function jsonBody<T = Record<string, unknown>>(response: HttpResponse | undefined): T | undefined {
  if (!response) return undefined;
  try {
    return JSON.parse(response.body) as T;
  } catch {
    return undefined;
  }
}

/** Rejects with an AbortError once `signal` is aborted (Ctrl-C): scenarios check it between steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

/** Waits, but wakes up at once on Ctrl-C. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
