import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { round2, type Span, type SpanName } from './spans.ts';

/**
 * The container's side of the trace: the app calls span()/mark() through a global symbol, and
 * each call lands in the invocation it belongs to (AsyncLocalStorage), even when several
 * invocations overlap in one environment.
 */
export interface InvocationScope {
  requestId: string;
  /** performance.now() when the invocation started, in this process's clock. */
  startedAt: number;
  /** Offset added to every span, so cold records count from the fork. */
  offsetMs: number;
  spans: Span[];
  marks: Map<string, number>;
}

const TRACER = Symbol.for('boundary-lab.tracer');
const scopes = new AsyncLocalStorage<InvocationScope>();

/** Spans recorded outside any invocation: the init phase. */
export const initSpans: Span[] = [];

export function currentScope(): InvocationScope | undefined {
  return scopes.getStore();
}

export function runInScope<T>(scope: InvocationScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function record(name: SpanName, startedAt: number, endedAt: number): void {
  const scope = scopes.getStore();
  const base = scope ? scope.startedAt - scope.offsetMs : 0;
  const target = scope ? scope.spans : initSpans;
  target.push({ name, startMs: round2(startedAt - base), durationMs: round2(endedAt - startedAt) });
}

function span<T>(name: SpanName, fn: () => T): T {
  const startedAt = performance.now();
  const result = fn();
  if (result instanceof Promise) {
    // Recorded on settle; the caller still sees the original promise and its rejection.
    result.then(
      () => record(name, startedAt, performance.now()),
      () => record(name, startedAt, performance.now()),
    );
  } else {
    record(name, startedAt, performance.now());
  }
  return result;
}

function mark(name: string): void {
  const scope = scopes.getStore();
  if (scope && !scope.marks.has(name)) scope.marks.set(name, performance.now());
}

/** When the last span of that name in the current invocation ended, on this process's clock. */
function lastEnd(name: SpanName): number | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  const base = scope.startedAt - scope.offsetMs;
  const last = scope.spans.findLast((s) => s.name === name);
  return last ? base + last.startMs + last.durationMs : undefined;
}

export function installTracer(): void {
  (globalThis as Record<symbol, unknown>)[TRACER] = { span, mark, record, lastEnd };
}
