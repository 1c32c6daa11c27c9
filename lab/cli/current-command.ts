// The command line an invocation belongs to, carried through the command's async work (as the
// origin is: lab/service/command-origin.ts), so that the page's timeline can keep a whole
// scenario together: `storm --variant buggy` is one group of 24 calls, not 24 loose bars.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CurrentCommand {
  /** Unique in this lab process, increasing: a page orders and groups by it. */
  id: number;
  /** The words as typed, joined by spaces (`invoke apigw-v2-get --repeat 2`). */
  line: string;
}

const current = new AsyncLocalStorage<CurrentCommand>();
let lastId = 0;
/** A heading, not a transcript: a pasted 16 KiB line is cut here. */
const MAX_LINE_SHOWN = 200;

export function runAsCommand<T>(args: readonly string[], work: () => T): T {
  lastId += 1;
  return current.run({ id: lastId, line: args.join(' ').slice(0, MAX_LINE_SHOWN) }, work);
}

/** The command running now, or undefined outside one (a test driving a function directly). */
export function currentCommand(): CurrentCommand | undefined {
  return current.getStore();
}
