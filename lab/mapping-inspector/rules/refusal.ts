import type { Observation } from '../observe.ts';

/** The platform sent something no route should take: the right answer is a 400, not the echo. */
export function expectsRefusal({ request }: Observation): boolean {
  return request.platform.body === 'invalid-base64' || request.platform.malformedPercent;
}

/** The request rules only speak when the echo route answered, or a 404 named the path. */
export function reachable(observation: Observation): boolean {
  return !expectsRefusal(observation);
}
