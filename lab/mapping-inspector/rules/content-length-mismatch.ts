import type { LossRule } from './rule.ts';
import { expectsRefusal } from './refusal.ts';

export const contentLengthMismatch: LossRule = {
  name: 'content-length-mismatch',
  summary: "the event's Content-Length header does not describe the body it carries, and the request fails",
  check(o) {
    const { platform, seen, notFoundPath, response, record } = o.request;
    if (expectsRefusal(o) || seen || notFoundPath !== undefined || platform.body === 'invalid-base64') return undefined;
    const declared = platform.headers['content-length']?.[0];
    if (declared === undefined || Number(declared) === platform.body.length) return undefined;
    return `Content-Length: ${declared}, body ${platform.body.length} bytes: answered ${response?.statusCode ?? record.status}`;
  },
};
