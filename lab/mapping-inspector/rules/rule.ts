import type { Observation } from '../observe.ts';

/** One kind of loss between what the platform sent and what Nest saw or the client got. */
export interface LossRule {
  /** Named for the loss, e.g. `cookie-joined-with-comma`. */
  name: string;
  /** One line: what is lost, and when. */
  summary: string;
  /** Evidence of the loss (one line), or undefined when nothing is lost. */
  check(observation: Observation): string | undefined;
}
