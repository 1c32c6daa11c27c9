import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { LocalFunction } from '../runtime/local-function.ts';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** API Gateway's own request id (`requestContext.requestId`); a fresh one if not given. */
  apiRequestId?: string;
}

/** A fresh id in API Gateway's style (`aPxvIg9Rx7FlNLt=`). */
export function apiRequestId(): string {
  return randomBytes(11).toString('base64').replace(/[+/]/g, 'x').slice(0, 15) + '=';
}

/** An API Gateway HTTP API (payload 2.0) event, as the lab's samples look. */
export function httpEvent(request: HttpRequest): Record<string, unknown> {
  const now = Date.now();
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'h7xmpl2q4d.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'boundary-lab',
    'x-forwarded-for': '198.51.100.7',
    'x-forwarded-proto': 'https',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...request.headers,
  };
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.path}`,
    rawPath: request.path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'h7xmpl2q4d',
      domainName: 'h7xmpl2q4d.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'h7xmpl2q4d',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.7',
        userAgent: 'boundary-lab',
      },
      requestId: request.apiRequestId ?? apiRequestId(),
      routeKey: `${request.method} ${request.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    isBase64Encoded: false,
  };
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

export interface GatewayAnswer {
  /** What the client got: the function's response, or the gateway's own error. */
  statusCode: number;
  body: string;
  /** Who answered: the function, or the gateway (its integration timeout, or a failed invocation). */
  source: 'function' | 'gateway-timeout' | 'function-error';
  /** When the client got it, from the moment it sent the request. */
  atMs: number;
  /** The invocation, which may go on after the gateway gave up: await it to see how it ended. */
  invocation: Promise<InvocationRecord>;
}

/**
 * API Gateway in front of the function, with its own clock: after `integrationTimeoutMs` the
 * client gets 504 whatever the function is doing (which goes on, unseen). A function that fails
 * (an error, a timeout, a crash) is a 502 for the client: the gateway never learns why.
 */
export async function throughGateway(
  fn: LocalFunction,
  event: unknown,
  integrationTimeoutMs: number,
): Promise<GatewayAnswer> {
  const startedAt = performance.now();
  const invocation = fn.invoke(event);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), integrationTimeoutMs);
  });
  const first = await Promise.race([invocation, timedOut]);
  clearTimeout(timer);
  const atMs = Math.round(performance.now() - startedAt);
  if (first === 'timeout') {
    return {
      statusCode: 504,
      body: JSON.stringify({ message: 'Endpoint request timed out' }),
      source: 'gateway-timeout',
      atMs,
      invocation,
    };
  }
  const response = responseOf(first);
  if (!response) {
    return {
      statusCode: 502,
      body: JSON.stringify({ message: 'Internal server error' }),
      source: 'function-error',
      atMs,
      invocation,
    };
  }
  return { ...response, source: 'function', atMs, invocation };
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
