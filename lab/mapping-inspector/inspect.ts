import type { Observation } from './observe.ts';
import { rules } from './rules/index.ts';

export interface Loss {
  rule: string;
  evidence: string;
}

/** Every rule against one observation: the losses found, in rule order. */
export function findLosses(observation: Observation): Loss[] {
  const losses: Loss[] = [];
  for (const rule of rules) {
    const evidence = rule.check(observation);
    if (evidence !== undefined) losses.push({ rule: rule.name, evidence });
  }
  return losses;
}
