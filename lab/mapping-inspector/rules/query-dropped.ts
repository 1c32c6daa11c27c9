import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

export const queryDropped: LossRule = {
  name: 'query-dropped',
  summary: 'a query key the client sent never reaches Nest (REST v1 without multiValueQueryStringParameters)',
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o)) return undefined;
    const missing = Object.keys(platform.query).filter((key) => !(key in seen.query));
    return missing.length ? `missing in Nest's query: ${missing.join(', ')}` : undefined;
  },
};
