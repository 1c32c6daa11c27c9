import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

export const cookieJoinedWithComma: LossRule = {
  name: 'cookie-joined-with-comma',
  summary: 'two Cookie lines are joined with "," instead of "; ": `a=1,b=2` is one cookie `a`',
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o) || platform.cookieLines.length < 2) return undefined;
    const header = String(seen.headers.cookie ?? '');
    return header.includes(platform.cookieLines.join(',')) ? `Nest's Cookie header: "${header}"` : undefined;
  },
};
