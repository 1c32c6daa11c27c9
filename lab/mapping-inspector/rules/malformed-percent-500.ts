import type { LossRule } from './rule.ts';

export const malformedPercent500: LossRule = {
  name: 'malformed-percent-500',
  summary: 'a malformed %-escape in an ALB query throws inside the adapter: a 500, not a 4xx',
  check(o) {
    const { platform, response, record } = o.request;
    if (!platform.malformedPercent) return undefined;
    if (response && response.statusCode >= 400 && response.statusCode < 500) return undefined;
    return `answered ${response?.statusCode ?? record.status} (${record.errorMessage ?? 'no message'})`;
  },
};
