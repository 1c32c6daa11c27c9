import { pathSegments } from '../platform.ts';
import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';
import { stageInPath } from './stage-in-path.ts';

export const pathChanged: LossRule = {
  name: 'path-changed',
  summary: 'the path Nest routes on is not the one the client asked for (%2F, %25, spaces, proxy)',
  check(o) {
    const { platform, seen, notFoundPath } = o.request;
    if (!reachable(o) || stageInPath.check(o)) return undefined;
    const path = seen?.path ?? notFoundPath;
    if (path === undefined) return undefined;
    const got = pathSegments(path);
    if (got.join('\u0000') === platform.segments.join('\u0000')) return undefined;
    return `segments ${JSON.stringify(platform.segments.slice(1))} arrived as ${JSON.stringify(got.slice(1))}`;
  },
};
