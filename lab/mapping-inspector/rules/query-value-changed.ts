import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

export const queryValueChanged: LossRule = {
  name: 'query-value-changed',
  summary: 'a query value arrives changed or a repeated key loses values (not an array of all of them)',
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o)) return undefined;
    for (const [key, values] of Object.entries(platform.query)) {
      if (!(key in seen.query)) continue;
      const got = ([] as string[]).concat(seen.query[key]!);
      if (JSON.stringify(got) !== JSON.stringify(values))
        return `${key}: sent ${JSON.stringify(values)}, Nest saw ${JSON.stringify(seen.query[key])}`;
    }
    return undefined;
  },
};
