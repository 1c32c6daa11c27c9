// serverless-express#674 needs two requests in ONE environment at once (Lambda Managed
// Instances): the first waits on the echo route (?delayMs=150) while the second arrives.

import type { LocalFunction } from '../runtime/local-function.ts';
import { loadEvent } from '../events/load-event.ts';
import type { Loss } from './inspect.ts';
import { probe, type Observation } from './observe.ts';
import type { Json } from './platform.ts';
import { invokeContextMixed } from './rules/invoke-context-mixed.ts';

export const OVERLAP_ID = 'overlap/two-requests-one-environment';

/** Runs the pair on `fn` (perExecutionEnvironmentMaxConcurrency ≥ 2) and returns each one's losses. */
export async function overlappingEchoes(fn: LocalFunction): Promise<Loss[][]> {
  const { event } = await loadEvent('apigw-v2-get');
  const call = (requestId: string, delayMs: number): Json => ({
    ...structuredClone(event),
    rawQueryString: `delayMs=${delayMs}`,
    requestContext: { ...(event.requestContext as Json), requestId },
  });
  await fn.invoke(call('warm-up', 0)); // one warm environment, so both land on it
  const slow = probe(fn, call('first-slow', 150));
  await new Promise((resolve) => setTimeout(resolve, 40));
  const fast = probe(fn, call('second-fast', 0));
  return (await Promise.all([slow, fast])).map((p) => {
    const body = p.response ? JSON.parse(p.response.body.toString('utf8')) : undefined;
    const evidence = invokeContextMixed.check({ request: { ...p, seen: body } } as Observation);
    return evidence === undefined ? [] : [{ rule: invokeContextMixed.name, evidence }];
  });
}
