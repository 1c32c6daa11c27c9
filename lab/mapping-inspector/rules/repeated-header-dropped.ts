import { headerValues } from '../client-view.ts';
import type { LossRule } from './rule.ts';
import { routeSaid } from './set-cookie-dropped.ts';

export const repeatedHeaderDropped: LossRule = {
  name: 'repeated-header-dropped',
  summary: 'a header the route sends twice reaches the client with fewer values',
  check(o) {
    const { response } = o.cookies;
    if (!response) return undefined;
    for (const [name, sent] of Object.entries(routeSaid(response.body)?.repeated ?? {})) {
      const got = headerValues(response, name);
      const lost = sent.filter((value) => !got.includes(value));
      if (lost.length) return `${name}: sent ${JSON.stringify(sent)}, the client gets ${JSON.stringify(got)}`;
    }
    return undefined;
  },
};
