// The arguments several commands share, made once: their wording, and what Tab completes them
// with (completion.ts reads the commands' own definitions, so a new command that uses these
// completes without a list of its own).
import { Argument } from 'commander';

/** What a value can be completed from: the named samples (`lab events`) or the exercises (lab/exercises.json). */
export type ValueKind = 'sample' | 'exercise';

const kinds = new WeakMap<Argument, ValueKind>();

function tagged(argument: Argument, kind: ValueKind): Argument {
  kinds.set(argument, kind);
  return argument;
}

/** `<event>`: a sample name or a path to a JSON event. */
export function eventArgument(): Argument {
  return tagged(new Argument('<event>', 'a sample name from "events", or a path to a JSON event'), 'sample');
}

/** `<name>` (or `[name]`, all exercises when left out): one exercise, by number, id or slug. */
export function exerciseArgument({ optional = false }: { optional?: boolean } = {}): Argument {
  const text = 'an exercise: 01, 01-cache-the-bootstrap or cache-the-bootstrap';
  return tagged(new Argument(optional ? '[name]' : '<name>', text), 'exercise');
}

export function valueKind(argument: Argument): ValueKind | undefined {
  return kinds.get(argument);
}
