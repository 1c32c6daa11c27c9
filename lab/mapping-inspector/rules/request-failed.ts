import type { LossRule } from './rule.ts';
import { contentLengthMismatch } from './content-length-mismatch.ts';
import { expectsRefusal } from './refusal.ts';

export const requestFailed: LossRule = {
  name: 'request-failed',
  summary: 'a well-formed request fails in the mapping: a 500 or an invocation error, the route never runs',
  check(o) {
    const { response, record, seen, notFoundPath } = o.request;
    if (expectsRefusal(o) || seen || notFoundPath !== undefined || contentLengthMismatch.check(o)) return undefined;
    if (!response) return `invocation ${record.status}: ${record.errorType ?? ''} ${record.errorMessage ?? ''}`.trim();
    return `answered ${response.statusCode}: ${response.body.toString('utf8').slice(0, 80) || '(empty body)'}`;
  },
};
