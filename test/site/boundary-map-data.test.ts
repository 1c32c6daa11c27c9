import { describe, expect, it } from 'vitest';
import { SPAN_NAMES } from '../../lab/runtime/spans.ts';
import { durationsFromTrace, edges, nodes, nodesOnPath, spanToNode } from '../../src/data/boundary-map.ts';

// The runtime's own list: the map must have a node for every span the lab records.
const SPANS = SPAN_NAMES;

describe('the boundary map data', () => {
  it('has the ten stations of the seed’s map', () => {
    expect(nodes.map((node) => node.id)).toEqual([
      'apigw',
      'handler',
      'cold',
      'warm',
      'adapter',
      'scope',
      'controller',
      'provider',
      'db',
      'response',
    ]);
    for (const node of nodes) expect(node.description.length, node.id).toBeGreaterThan(20);
  });

  it('maps every span name of the lab’s trace to a node', () => {
    for (const span of SPANS) expect(spanToNode[span], span).toBeDefined();
  });

  it('forks at the handler: cold start boundary on the cold path, warm cache on the warm path', () => {
    expect(nodesOnPath('cold')).toContain('cold');
    expect(nodesOnPath('cold')).not.toContain('warm');
    expect(nodesOnPath('warm')).toContain('warm');
    expect(nodesOnPath('warm')).not.toContain('cold');
    const ids = new Set(nodes.map((node) => node.id));
    for (const edge of edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
  });

  it('adds guard, pipe and interceptor into the request scope and does not count init twice', () => {
    const durations = durationsFromTrace({
      coldStart: true,
      spans: [
        { name: 'init', startMs: 0, durationMs: 100 },
        { name: 'init:bundle-load', startMs: 0, durationMs: 30 },
        { name: 'init:nest-bootstrap', startMs: 30, durationMs: 70 },
        { name: 'guard', startMs: 101, durationMs: 1 },
        { name: 'pipe', startMs: 102, durationMs: 2 },
        { name: 'interceptor', startMs: 104, durationMs: 3 },
        { name: 'db', startMs: 110, durationMs: 5 },
      ],
    });
    expect(durations).toEqual({ cold: 100, scope: 6, db: 5 });
  });

  it('sums the init parts when the trace has no init span', () => {
    const durations = durationsFromTrace({
      coldStart: true,
      spans: [
        { name: 'init:bundle-load', startMs: 0, durationMs: 30 },
        { name: 'init:nest-bootstrap', startMs: 30, durationMs: 70 },
      ],
    });
    expect(durations).toEqual({ cold: 100 });
  });
});
