// A Lambda function URL (buffered): the HTTP API payload 2.0 schema, no clock of its own.

import { v2Answer } from './http-api.ts';
import { answer } from './result-shape.ts';
import { SOURCES } from './sources.ts';
import type { DoorModel } from './types.ts';

export const functionUrl: DoorModel = {
  name: 'url',
  label: 'Function URL',
  timeout: null,
  limits: { requestBytes: 6_291_456, responseBytes: 6_291_556, source: SOURCES.lambdaLimits },
  answer(outcome) {
    switch (outcome.kind) {
      case 'returned':
        return v2Answer(outcome.result, 'url');
      case 'throttled':
        // AWS documents the 429, not its body: the lab sends none rather than invent one.
        return answer('url', 'door', 'throttled', 429, {}, '', SOURCES.urlThrottle);
      case 'rejected':
        // Lambda's Invoke answers a payload over 6 MB with 413 (API_Invoke.html); a function URL is
        // Lambda's own endpoint, but what its client reads is neither documented nor observed.
        return answer(
          'url',
          'door',
          'rejected',
          413,
          {},
          '',
          SOURCES.unverified('413 as Lambda Invoke answers RequestTooLargeException; not documented for function URLs'),
        );
      case 'door-timeout':
        // A function URL has no clock of its own: only the function's timeout ends a call.
        return answer('url', 'door', 'function-timeout', 502, {}, 'Internal Server Error', SOURCES.urlErrors);
      default:
        return answer('url', 'door', outcome.kind, 502, {}, 'Internal Server Error', SOURCES.urlErrors);
    }
  },
};
