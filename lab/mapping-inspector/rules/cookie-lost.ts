import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';
import { cookieJoinedWithComma } from './cookie-joined-with-comma.ts';

export const cookieLost: LossRule = {
  name: 'cookie-lost',
  summary: 'a cookie the client sent is missing or changed in what Nest parses',
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o) || cookieJoinedWithComma.check(o)) return undefined;
    const wrong = Object.entries(platform.cookies).filter(([name, value]) => seen.cookies[name] !== value);
    return wrong.length
      ? `sent ${wrong.map(([n, v]) => `${n}=${v}`).join('; ')}, Nest parsed ${JSON.stringify(seen.cookies)}`
      : undefined;
  },
};
