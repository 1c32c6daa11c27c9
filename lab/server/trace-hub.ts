// Every invocation the lab makes goes to every open page, wherever its command was typed: a
// page's terminal or a shell (`npx lab …` runs in this same lab: lab/service/).
import type { LabContext } from '../cli/lab-context.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import type { ServerMessage } from './protocol.ts';
import { currentOrigin } from '../service/command-origin.ts';
import { currentCommand } from '../cli/current-command.ts';
import { toTrace } from './trace.ts';

type Listener = (message: ServerMessage) => void;

export class TraceHub {
  private readonly listeners = new Set<Listener>();
  // A function can reach onFunction twice (listed, then announced); its events once per hub.
  private readonly observed = new WeakSet<LocalFunction>();

  constructor(lab: LabContext) {
    lab.onFunction((fn) => this.observe(fn));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  broadcast(message: ServerMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  close(): void {
    this.listeners.clear();
  }

  private observe(fn: LocalFunction): void {
    if (this.observed.has(fn)) return;
    this.observed.add(fn);
    fn.on('invocation', (record) =>
      this.broadcast({ type: 'trace', trace: toTrace(record, fn.settings, currentOrigin(), currentCommand()) }),
    );
    fn.on('invocation-start', ({ requestId, functionName, timeoutMs, memorySizeMb, at }) =>
      this.broadcast({ type: 'invoke-start', start: { requestId, functionName, timeoutMs, memorySizeMb, at } }),
    );
  }
}
