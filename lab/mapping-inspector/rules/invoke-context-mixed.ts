import type { LossRule } from './rule.ts';

export const invokeContextMixed: LossRule = {
  name: 'invoke-context-mixed',
  summary: "the route reads another invocation's event/context (getCurrentInvoke() is one shared object, #674)",
  check(o) {
    const { seen, sent, record } = o.request;
    if (!seen) return undefined;
    const apiRequestId = sent.requestContext?.requestId ?? null;
    if (seen.awsRequestId === record.requestId && seen.apiRequestId === apiRequestId) return undefined;
    return `invocation ${record.requestId.slice(0, 8)} (api ${String(apiRequestId).slice(0, 12)}) saw awsRequestId ${String(seen.awsRequestId).slice(0, 8)}, apiRequestId ${String(seen.apiRequestId).slice(0, 12)}`;
  },
};
