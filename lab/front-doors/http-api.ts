// API Gateway HTTP API, Lambda proxy integration, payload format 1.0 or 2.0.

import {
  answer,
  asProxyResult,
  bodyBytes,
  isBinaryResult,
  isObject,
  JSON_TYPE,
  v1Headers,
  v2Headers,
} from './result-shape.ts';
import { SOURCES } from './sources.ts';
import type { ClientAnswer, DoorModel } from './types.ts';

const INTERNAL = JSON.stringify({ message: 'Internal Server Error' });

export const httpApi: DoorModel = {
  name: 'http',
  label: 'HTTP API',
  timeout: { defaultMs: 30_000, minMs: 50, maxMs: 30_000, source: SOURCES.httpApiQuotas },
  limits: { requestBytes: 6_291_456, responseBytes: 6_291_556, source: SOURCES.lambdaLimits },
  answer(outcome, settings) {
    const v2 = (settings.payload ?? '2.0') === '2.0';
    switch (outcome.kind) {
      case 'returned':
        return v2 ? v2Answer(outcome.result) : v1Answer(outcome.result);
      case 'door-timeout':
        return answer(
          'http',
          'door',
          'door-timeout',
          503,
          JSON_TYPE,
          JSON.stringify({ message: 'Service Unavailable' }),
          SOURCES.httpApiTimeout,
        );
      // Errors, crashes, timeouts, throttles and oversized results alike: the integration failed.
      default:
        return answer('http', 'door', outcome.kind, 500, JSON_TYPE, INTERNAL, SOURCES.httpApiErrors);
    }
  },
};

function v1Answer(result: unknown): ClientAnswer {
  const r = asProxyResult(result);
  if (!r) return answer('http', 'door', 'malformed', 500, JSON_TYPE, INTERNAL, SOURCES.httpApiErrors);
  return answer(
    'http',
    'function',
    isBinaryResult(r) ? 'binary' : 'normal',
    r.statusCode,
    v1Headers(r),
    bodyBytes(r, true),
    SOURCES.httpApiLambda,
  );
}

/** 2.0 infers a result without statusCode: 200, application/json, the result itself (a string as is) as body. */
export function v2Answer(result: unknown, door: 'http' | 'url' = 'http'): ClientAnswer {
  const source = door === 'http' ? SOURCES.httpApiLambda : SOURCES.urlPayloads;
  if (!isObject(result) || !('statusCode' in result)) {
    // HTTP API's table shows a string output as the body itself; a function URL's shows its JSON text.
    const body = typeof result === 'string' && door === 'http' ? result : JSON.stringify(result ?? null);
    return answer(door, 'function', 'malformed', 200, JSON_TYPE, body, source);
  }
  const r = asProxyResult(result);
  if (!r)
    return door === 'http'
      ? answer('http', 'door', 'malformed', 500, JSON_TYPE, INTERNAL, SOURCES.httpApiErrors)
      : answer('url', 'door', 'malformed', 502, {}, 'Internal Server Error', SOURCES.urlErrors);
  return answer(
    door,
    'function',
    isBinaryResult(r) ? 'binary' : 'normal',
    r.statusCode,
    v2Headers(r),
    bodyBytes(r, true),
    source,
  );
}
