// Every invocation the lab makes goes to every open page, wherever its command was typed: a
// page's terminal or a shell (`npx lab …` runs in this same lab: lab/service/).
import type { LabContext } from '../cli/lab-context.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import type { ServerMessage } from './protocol.ts';
import { currentOrigin } from '../service/command-origin.ts';
import { toTrace } from './trace.ts';

type Listener = (message: ServerMessage) => void;

const observed = new WeakSet<LocalFunction>();

export class TraceHub {
  private readonly listeners = new Set<Listener>();

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
    if (observed.has(fn)) return;
    observed.add(fn);
    fn.on('invocation', (record) =>
      this.broadcast({ type: 'trace', trace: toTrace(record, fn.settings, currentOrigin()) }),
    );
    // LocalFunction announces an invocation only when it ends; the budget bar needs its start
    // too, so this function's invoke is wrapped (a runtime 'invocation-start' event would do).
    const invoke = fn.invoke.bind(fn);
    fn.invoke = (event: unknown) => {
      const { timeoutMs, memoryMb } = fn.settings;
      this.broadcast({ type: 'invoke-start', start: { timeoutMs, memorySizeMb: memoryMb, at: Date.now() } });
      return invoke(event);
    };
  }
}
