/** The stations of one invocation, in the order a request meets them. The live map draws these. */
export const SPAN_NAMES = [
  'init',
  'init:bundle-load',
  'init:nest-bootstrap',
  'adapter:request',
  'guard',
  'pipe',
  'interceptor',
  'controller',
  'provider',
  'db',
  'adapter:response',
] as const;

export type SpanName = (typeof SPAN_NAMES)[number];

export interface Span {
  name: SpanName;
  /** Milliseconds from the start of the record: the fork for a cold start, the invoke otherwise. */
  startMs: number;
  durationMs: number;
}

export function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}
