// Every invocation the lab makes, wherever it was typed, goes to every open page: those of this
// server's own LabContext (any terminal session) directly, those of `npm run lab` in other
// shells through the trace feed.
import type { LabContext } from '../cli/lab-context.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import type { ServerMessage } from './protocol.ts';
import { tailTraceFeed, type TraceFeed } from './trace-feed.ts';
import { toTrace } from './trace.ts';

type Listener = (message: ServerMessage) => void;

export class TraceHub {
  private readonly listeners = new Set<Listener>();
  private feed: TraceFeed | undefined;
  // A function can reach onFunction twice (listed, then announced); its events once per hub.
  private readonly observed = new WeakSet<LocalFunction>();

  constructor(lab: LabContext, options: { feed?: boolean } = {}) {
    lab.onFunction((fn) => this.observe(fn));
    if (options.feed !== false) this.feed = tailTraceFeed((trace) => this.broadcast({ type: 'trace', trace }));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  broadcast(message: ServerMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  close(): void {
    this.feed?.close();
    this.listeners.clear();
  }

  private observe(fn: LocalFunction): void {
    if (this.observed.has(fn)) return;
    this.observed.add(fn);
    fn.on('invocation', (record) => this.broadcast({ type: 'trace', trace: toTrace(record, fn.settings, 'terminal') }));
    fn.on('invocation-start', ({ requestId, functionName, timeoutMs, memorySizeMb, at }) =>
      this.broadcast({ type: 'invoke-start', start: { requestId, functionName, timeoutMs, memorySizeMb, at } }),
    );
  }
}
