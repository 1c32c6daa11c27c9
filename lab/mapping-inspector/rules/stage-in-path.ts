import { pathSegments } from '../platform.ts';
import type { LossRule } from './rule.ts';
import { reachable } from './refusal.ts';

export const stageInPath: LossRule = {
  name: 'stage-in-path',
  summary: 'HTTP API v2 named stage: rawPath keeps "/<stage>", Nest sees it and no route matches (#465)',
  check(o) {
    const { platform, seen, notFoundPath } = o.request;
    if (!platform.stagePrefix || !reachable(o)) return undefined;
    const path = seen?.path ?? notFoundPath;
    if (path === undefined || !path.startsWith(`${platform.stagePrefix}/`)) return undefined;
    if (pathSegments(path).join('/') === platform.segments.join('/')) return undefined;
    return `stage "${platform.stagePrefix.slice(1)}" stayed in the path: Nest saw ${path}${seen ? '' : ' (404)'}`;
  },
};
