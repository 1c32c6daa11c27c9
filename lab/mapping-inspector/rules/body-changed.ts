import { createHash } from 'node:crypto';
import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

export const bodyChanged: LossRule = {
  name: 'body-changed',
  summary: "the request body's bytes (sha256) are not the ones the client sent",
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o) || platform.body === 'invalid-base64') return undefined;
    const sent = createHash('sha256').update(platform.body).digest('hex');
    return seen.bodySha256 === sent
      ? undefined
      : `sent ${platform.body.length} bytes (sha256 ${sent.slice(0, 12)}…), Nest got ${seen.bodyLength} (${seen.bodySha256.slice(0, 12)}…)`;
  },
};
