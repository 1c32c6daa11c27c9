import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

// Set by the adapter itself, or rewritten by HTTP rules: not the client's to keep.
const ADAPTER_OWNED = new Set(['content-length', 'transfer-encoding', 'connection']);

export const headerLost: LossRule = {
  name: 'header-lost',
  summary: 'a request header value the client sent is not among the values Nest sees',
  check(o) {
    const { platform, seen } = o.request;
    if (!seen || !reachable(o)) return undefined;
    for (const [name, values] of Object.entries(platform.headers)) {
      if (ADAPTER_OWNED.has(name)) continue;
      const got = ([] as string[]).concat(seen.headers[name] ?? []).join(', ');
      const lost = values.filter((value) => !got.includes(value));
      if (lost.length) return `${name}: ${JSON.stringify(lost)} not in ${JSON.stringify(got)}`;
    }
    return undefined;
  },
};
