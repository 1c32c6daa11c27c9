// Which client a command came from, carried through its async work so that an invocation it
// makes is labelled on the page: a page's own terminal, or a shell (`npx lab …`, the REPL).
import { AsyncLocalStorage } from 'node:async_hooks';

export type CommandOrigin = 'terminal' | 'shell';

const origin = new AsyncLocalStorage<CommandOrigin>();

export function runFrom<T>(from: CommandOrigin, work: () => T): T {
  return origin.run(from, work);
}

/** The origin of the command running now; a page terminal's when none was set. */
export function currentOrigin(): CommandOrigin {
  return origin.getStore() ?? 'terminal';
}
