// API Gateway REST API, Lambda proxy integration (payload 1.0).

import { answer, asProxyResult, bodyBytes, isBinaryResult, JSON_TYPE, v1Headers } from './result-shape.ts';
import { SOURCES } from './sources.ts';
import type { DoorModel, DoorSettings, RequestView } from './types.ts';

const INTERNAL = JSON.stringify({ message: 'Internal server error' });

export const restApi: DoorModel = {
  name: 'rest',
  label: 'REST API',
  // Regional and private APIs can raise the 29 s since June 2024; AWS names no ceiling, so the
  // lab stops where the function itself must (Lambda's 900 s). Edge-optimized APIs stay at 29 s.
  timeout: { defaultMs: 29_000, minMs: 50, maxMs: 900_000, source: SOURCES.restQuotas },
  // REST's own payload limit is 10 MB; Lambda's 6 MB request / 6 MB + 100 B response come first.
  limits: { requestBytes: 6_291_456, responseBytes: 6_291_556, source: SOURCES.lambdaLimits },
  answer(outcome, settings, request) {
    switch (outcome.kind) {
      case 'returned': {
        const r = asProxyResult(outcome.result);
        if (!r) return answer('rest', 'door', 'malformed', 502, JSON_TYPE, INTERNAL, SOURCES.restMalformed);
        const binary = isBinaryResult(r);
        const decoded = binary && binaryReachesClient(settings, request);
        return answer(
          'rest',
          'function',
          binary ? 'binary' : 'normal',
          r.statusCode,
          v1Headers(r),
          bodyBytes(r, decoded),
          binary ? SOURCES.restBinary : SOURCES.restProxyFormat,
        );
      }
      case 'door-timeout':
        return answer(
          'rest',
          'door',
          'door-timeout',
          504,
          JSON_TYPE,
          JSON.stringify({ message: 'Endpoint request timed out' }),
          SOURCES.restTimeoutBody,
        );
      // "If the Lambda API rejects the invocation request, API Gateway returns a 500."
      case 'throttled':
      case 'rejected':
        return answer('rest', 'door', outcome.kind, 500, JSON_TYPE, INTERNAL, SOURCES.apigwLambdaErrors);
      // "If the function runs but returns an error … API Gateway returns a 502."
      default:
        return answer('rest', 'door', outcome.kind, 502, JSON_TYPE, INTERNAL, SOURCES.apigwLambdaErrors);
    }
  },
};

/**
 * REST decodes an isBase64Encoded body only when the request's FIRST Accept media type matches
 * one of the API's binaryMediaTypes (a browser's `<img>` sends `image/webp,image/*,*\/*`):
 * api-gateway-payload-encodings-workflow.html. `*\/*` in binaryMediaTypes matches any request.
 */
export function binaryReachesClient(settings: DoorSettings, request: RequestView): boolean {
  const types = settings.binaryMediaTypes ?? [];
  if (types.length === 0) return false;
  if (types.includes('*/*')) return true;
  const first = (request.accept ?? '').split(',')[0]!.split(';')[0]!.trim().toLowerCase();
  if (!first) return false;
  return types.some((t) => {
    const type = t.toLowerCase();
    if (type === first) return true;
    // A wildcard in the list (`image/*`) covers its subtypes; a wildcard Accept (`*\/*`) matches
    // only a list that names it: the docs' advice is to add the first Accept type itself.
    return type.endsWith('/*') && first.startsWith(type.slice(0, -1));
  });
}
