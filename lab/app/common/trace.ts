// The app's side of the lab's trace. The local Lambda installs a tracer on globalThis before it
// loads the handler; outside the lab (a real Lambda, a unit test) there is none and span() just
// runs the function. A global symbol, not an import, because the bundled handler carries its own
// copy of every module it imports.
export type SpanName = 'init:nest-bootstrap' | 'guard' | 'pipe' | 'interceptor' | 'controller' | 'provider' | 'db';

interface LabTracer {
  span<T>(name: SpanName, fn: () => T): T;
  mark(name: 'request-in' | 'response-out'): void;
  /** A span measured by the caller, on performance.now()'s clock. */
  record(name: SpanName, startedAt: number, endedAt: number): void;
  /** When the last span of that name in this invocation ended, if any. */
  lastEnd(name: SpanName): number | undefined;
}

const TRACER = Symbol.for('boundary-lab.tracer');

function tracer(): LabTracer | undefined {
  return (globalThis as { [TRACER]?: LabTracer })[TRACER];
}

export function span<T>(name: SpanName, fn: () => T): T {
  const t = tracer();
  return t ? t.span(name, fn) : fn();
}

export function mark(name: 'request-in' | 'response-out'): void {
  tracer()?.mark(name);
}

export function record(name: SpanName, startedAt: number, endedAt: number): void {
  tracer()?.record(name, startedAt, endedAt);
}

export function lastEnd(name: SpanName): number | undefined {
  return tracer()?.lastEnd(name);
}
