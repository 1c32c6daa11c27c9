// What one invocation of the lab's trace stream says, in words and in nested spans: the boundary
// map's live status, the timeline's row labels and group headings, and the span waterfall all
// read these functions, so the page tells one story with the trace's own numbers. No DOM here:
// the site's unit tests run it as it is (test/site/trace-story.test.ts).
import { formatMs } from '../../lab/milliseconds.ts';
import { SPAN_NAMES } from '../../lab/runtime/spans.ts';
import type { LabTrace, TraceSpan } from '../../lab/server/protocol.ts';

/**
 * The words the live parts of the page use, each a key of Starlight's UI dictionaries
 * (src/content/i18n/en.json and ko.json; src/content.config.ts extends the schema with them).
 * `{name}` is filled in here, in the browser, from the trace.
 */
export const STORY_KEYS = [
  'lab.live.prefix',
  'lab.live.cold',
  'lab.live.coldSuppressed',
  'lab.live.warm',
  'lab.live.ok',
  'lab.live.error',
  'lab.live.oom',
  'lab.live.timeout',
  'lab.live.throttled',
  'lab.map.own',
  'lab.map.inAll',
  'lab.map.failed',
  'lab.map.nested',
  'lab.map.scrollHint',
  'lab.map.scrollLabel',
  'lab.timeline.title',
  'lab.timeline.legendInit',
  'lab.timeline.legendSuppressed',
  'lab.timeline.legendCold',
  'lab.timeline.legendWarm',
  'lab.timeline.legendFailed',
  'lab.timeline.oneCall',
  'lab.timeline.calls',
  'lab.timeline.failedCount',
  'lab.timeline.coldCount',
  'lab.timeline.otherCommand',
  'lab.timeline.spans',
  'lab.timeline.scroll',
] as const;

export type StoryKey = (typeof STORY_KEYS)[number];
export type StoryText = Record<StoryKey, string>;

/** `fill('{n} calls', { n: 3 })`: a template of the dictionaries, filled with the trace's figures. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A whole-second budget as Lambda writes it in the log ("3 s", "0.5 s"). */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** What became of the call: the four failures the lab's runtime reports, apart from success. */
export type Outcome = 'ok' | 'error' | 'oom' | 'timeout' | 'throttled';

export function outcomeOf(trace: Pick<LabTrace, 'status' | 'errorType'>): Outcome {
  if (trace.status === 'error' && trace.errorType === 'Runtime.OutOfMemory') return 'oom';
  return trace.status;
}

/** How the call started: no environment (throttled), a fresh one (its init suppressed or not), or a warm one. */
export type StartKind = 'none' | 'cold' | 'cold-suppressed' | 'warm';

export function startOf(trace: Pick<LabTrace, 'status' | 'coldStart' | 'suppressedInit'>): StartKind {
  if (trace.status === 'throttled') return 'none';
  if (!trace.coldStart) return 'warm';
  return trace.suppressedInit ? 'cold-suppressed' : 'cold';
}

/** One sentence for the map's live status: "cold start, 312 ms init; timed out after 3 s". */
export function describeTrace(trace: LabTrace, text: StoryText): string {
  const values = {
    init: formatMs(trace.initDurationMs ?? 0),
    duration: formatMs(trace.durationMs),
    timeout: formatSeconds(trace.timeoutMs),
    error: trace.errorType ?? 'error',
    used: trace.maxMemoryUsedMb,
    memory: trace.memorySizeMb,
  };
  const start = startOf(trace);
  const outcome = outcomeOf(trace);
  const parts: string[] = [];
  if (start === 'cold') parts.push(fill(text['lab.live.cold'], values));
  else if (start === 'cold-suppressed') parts.push(fill(text['lab.live.coldSuppressed'], values));
  else if (start === 'warm') parts.push(fill(text['lab.live.warm'], values));
  parts.push(fill(text[`lab.live.${outcome}`], values));
  return `${text['lab.live.prefix']} ${parts.join('; ')}`;
}

/** A span with the spans that ran inside it: the trace's nesting, read from the intervals. */
export interface SpanNode {
  span: TraceSpan;
  depth: number;
  parent: SpanNode | undefined;
  children: SpanNode[];
  /** Its duration less its children's: the time spent in this station itself. */
  selfMs: number;
}

// Span times are rounded to hundredths (round2 in lab/runtime/spans.ts): an inner span may end a
// rounding step after its parent.
const ROUNDING = 0.02;
const order = (name: string) => {
  const i = (SPAN_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? SPAN_NAMES.length : i;
};
const end = (span: TraceSpan) => span.startMs + span.durationMs;
const contains = (outer: TraceSpan, inner: TraceSpan) =>
  outer.startMs <= inner.startMs + ROUNDING && end(inner) <= end(outer) + ROUNDING;

/**
 * The spans as a forest, in the order they started: each span's parent is the smallest span
 * that contains it (controller ⊃ provider ⊃ db; init ⊃ bundle load). Spans the app records on
 * settle arrive inner-first, so nesting comes from the times, never from the array's order.
 */
export function spanTree(spans: readonly TraceSpan[]): SpanNode[] {
  const valid = spans.filter((s) => Number.isFinite(s.startMs) && Number.isFinite(s.durationMs) && s.durationMs >= 0);
  // Outer before inner: earlier start, then longer, then the station order (a tie of equal times).
  const sorted = [...valid].sort(
    (a, b) => a.startMs - b.startMs || b.durationMs - a.durationMs || order(a.name) - order(b.name),
  );
  const roots: SpanNode[] = [];
  const open: SpanNode[] = [];
  for (const span of sorted) {
    while (open.length > 0 && !contains(open[open.length - 1]!.span, span)) open.pop();
    const parent = open[open.length - 1];
    const node: SpanNode = {
      span,
      depth: parent ? parent.depth + 1 : 0,
      parent,
      children: [],
      selfMs: span.durationMs,
    };
    if (parent) {
      parent.children.push(node);
      parent.selfMs = Math.max(0, parent.selfMs - span.durationMs);
    } else roots.push(node);
    open.push(node);
  }
  return roots;
}

/** Depth first, parents before their children: the waterfall's rows. */
export function flattenTree(roots: readonly SpanNode[]): SpanNode[] {
  return roots.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** The time a whole record spans: from its first span (the fork, for a cold start) to its end. */
export function recordSpanMs(
  trace: Pick<LabTrace, 'durationMs' | 'initDurationMs' | 'suppressedInit' | 'spans'>,
): number {
  const spansEnd = Math.max(0, ...trace.spans.map(end));
  const reported = trace.durationMs + (trace.suppressedInit ? 0 : (trace.initDurationMs ?? 0));
  return Math.max(spansEnd, reported, 0.01);
}

/**
 * Where a failed call stopped, on a path of the map (the nodes in the order a request meets
 * them): the first station after the last one that finished. Spans are recorded when they end,
 * so a station still running when time ran out left none: a timeout in the db shows as the
 * controller (the db ran inside it), a timeout during a suppressed init as the cold start.
 * `finished` are the stations with spans; the event and the handler always finished.
 */
export function stoppedAt<N extends string>(path: readonly N[], finished: ReadonlySet<N>): N {
  let last = -1;
  path.forEach((node, i) => {
    if (finished.has(node)) last = i;
  });
  return path[Math.min(last + 1, path.length - 1)]!;
}
