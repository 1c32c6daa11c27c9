// The words and the nesting the live map and timeline draw from a trace. The traces are real:
// test/e2e/fixtures/real-traces.json was captured from a running lab (`lab start`, then the
// commands each trace names in `command.line`, on the 2-core CI-sized machine: hence the slow
// inits), so every figure below is one the lab measured.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LabTrace } from '../../lab/server/protocol.ts';
import { finishedNodes, nodeFigures, nodesOnPath, type NodeId } from '../../src/data/boundary-map.ts';
import {
  STORY_KEYS,
  describeTrace,
  flattenTree,
  outcomeOf,
  spanTree,
  startOf,
  stoppedAt,
  type StoryText,
} from '../../src/data/trace-story.ts';

const dictionary = (lang: 'en' | 'ko') =>
  JSON.parse(readFileSync(new URL(`../../src/content/i18n/${lang}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
const en = dictionary('en') as StoryText;
const ko = dictionary('ko') as StoryText;
const traces = JSON.parse(
  readFileSync(new URL('../e2e/fixtures/real-traces.json', import.meta.url), 'utf8'),
) as LabTrace[];
const find = (line: string, pick: (t: LabTrace) => boolean = () => true) => {
  const trace = traces.find((t) => t.command?.line === line && pick(t));
  if (!trace) throw new Error(`no trace of ${line} in the fixture`);
  return trace;
};

const cold = find('invoke apigw-v2-post', (t) => t.coldStart);
const warm = find('invoke apigw-v2-post', (t) => !t.coldStart);
const timeout = find('invoke reports-slow --timeout 150', (t) => !t.suppressedInit);
const suppressed = find('invoke reports-slow --timeout 150', (t) => t.suppressedInit);
const thrown = find('invoke health --handler throws.mjs');
const oom = find('invoke health --handler hog.mjs --memory 128');
const throttled = find('invoke health --concurrency 3 --reserved 1', (t) => t.status === 'throttled');

describe('the words of the live map and timeline', () => {
  it('has every key in English and in Korean, and Korean words of its own for the sentences', () => {
    for (const key of STORY_KEYS) {
      expect(en[key], `en ${key}`).toEqual(expect.any(String));
      expect(ko[key], `ko ${key}`).toEqual(expect.any(String));
    }
    for (const key of ['lab.live.ok', 'lab.live.timeout', 'lab.live.throttled', 'lab.timeline.title'] as const)
      expect(ko[key]).not.toBe(en[key]);
  });

  it('names a cold start with its measured init and Duration, and a warm call with its Duration', () => {
    expect(describeTrace(cold, en)).toBe('Live: cold start, 3477 ms init; answered in 1455 ms');
    expect(describeTrace(warm, en)).toBe('Live: warm invocation; answered in 31.2 ms');
    expect(describeTrace(cold, ko)).toBe('Live: cold start, init 3477 ms; 1455 ms 만에 응답');
  });

  it('names each failure: timeout after the budget, an error by its type, out of memory, throttled', () => {
    expect(outcomeOf(timeout)).toBe('timeout');
    expect(describeTrace(timeout, en)).toBe(
      'Live: cold start, 1976 ms init; timed out after 0.15 s: the environment was killed',
    );
    expect(describeTrace(thrown, en)).toBe('Live: warm invocation; failed after 112 ms: TypeError');
    expect(outcomeOf(oom)).toBe('oom');
    expect(describeTrace(oom, en)).toContain('out of memory after 1561 ms: 131 MB of 128 MB');
    expect(outcomeOf(throttled)).toBe('throttled');
    expect(startOf(throttled)).toBe('none');
    expect(describeTrace(throttled, en)).toBe('Live: throttled: every environment was busy, the call never ran');
    expect(describeTrace(throttled, ko)).toContain('throttled: 모든 실행 환경이 사용 중');
  });

  it('says a suppressed init is one, with no Init Duration to quote', () => {
    expect(startOf(suppressed)).toBe('cold-suppressed');
    expect(suppressed.initDurationMs).toBeNull();
    expect(describeTrace(suppressed, en)).toBe(
      'Live: cold start with a suppressed init (it ran inside the call, in its Duration); ' +
        'timed out after 0.15 s: the environment was killed',
    );
  });
});

describe('nested spans', () => {
  it('nests controller ⊃ provider ⊃ db by their times, whatever order the spans arrived in', () => {
    const names = (t: LabTrace) => flattenTree(spanTree(t.spans)).map((n) => `${n.depth}:${n.span.name}`);
    expect(names(warm)).toEqual(expect.arrayContaining(['0:controller', '1:provider', '2:db']));
    const reversed = { ...warm, spans: [...warm.spans].reverse() };
    expect(names(reversed)).toEqual(names(warm));
  });

  it('gives each node its own time, and those add up to no more than the Duration', () => {
    for (const trace of [warm, cold]) {
      const figures = nodeFigures(trace);
      const own = Object.values(figures).reduce((sum, f) => sum + f.ownMs, 0);
      const total = trace.durationMs + (trace.initDurationMs ?? 0);
      // Their totals, drawn as a sequence, were the bug: controller + provider + db ≈ 3× the db.
      const naive = trace.spans.reduce((sum, s) => sum + s.durationMs, 0);
      expect(own).toBeLessThanOrEqual(total + 0.05);
      expect(naive).toBeGreaterThan(total);
    }
    const figures = nodeFigures(warm);
    const db = warm.spans.find((s) => s.name === 'db')!;
    const controller = warm.spans.find((s) => s.name === 'controller')!;
    expect(figures.db!.ownMs).toBeCloseTo(db.durationMs, 2);
    expect(figures.controller!.totalMs).toBeCloseTo(controller.durationMs, 2);
    expect(figures.controller!.ownMs).toBeLessThan(controller.durationMs - db.durationMs + 0.05);
  });
});

describe('where a failed call stopped', () => {
  it('a timeout during a suppressed init stopped in the cold start', () => {
    expect(suppressed.spans).toEqual([]);
    expect(stoppedAt(nodesOnPath('cold'), finishedNodes(suppressed))).toBe('cold');
  });

  it('a cold call that loaded its bundle but timed out before NestFactory ended stopped in the cold start', () => {
    expect(timeout.spans.map((s) => s.name)).toEqual(['init', 'init:bundle-load']);
    expect(stoppedAt(nodesOnPath('cold'), finishedNodes(timeout))).toBe('cold');
  });

  it('a call stopped after the last station that finished, never before it', () => {
    expect(stoppedAt(nodesOnPath('warm'), new Set<NodeId>(['apigw', 'handler', 'warm', 'adapter', 'scope']))).toBe(
      'controller',
    );
    expect(stoppedAt(nodesOnPath('warm'), new Set<NodeId>(nodesOnPath('warm')))).toBe('response');
  });
});
