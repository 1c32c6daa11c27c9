import type { LossRule } from './rule.ts';

export const invalidBase64Accepted: LossRule = {
  name: 'invalid-base64-accepted',
  summary: 'isBase64Encoded: true with a body that is not base64 is decoded to garbage instead of a 400',
  check(o) {
    const { platform, response, seen } = o.request;
    if (platform.body !== 'invalid-base64') return undefined;
    if (response && response.statusCode >= 400 && response.statusCode < 500) return undefined;
    return seen
      ? `the route got ${seen.bodyLength} garbage bytes and answered ${response?.statusCode}`
      : `answered ${response?.statusCode ?? o.request.record.status}, not a 400`;
  },
};
