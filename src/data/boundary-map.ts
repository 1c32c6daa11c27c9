// The execution boundary map of the seed (section 1), as data: BoundaryMap.astro draws it and
// its client script reads the same data to light a path from a live trace. Node descriptions
// are the seed's own words (its flow line and the "four stations" table).
import { flattenTree, spanTree } from './trace-story.ts';

export type NodeId =
  'apigw' | 'handler' | 'cold' | 'warm' | 'adapter' | 'scope' | 'controller' | 'provider' | 'db' | 'response';

export type PathName = 'cold' | 'warm';

export interface MapNode {
  id: NodeId;
  label: string;
  /** Second line drawn in the box. */
  sub: string;
  /** Shown when the node has focus or the pointer. */
  description: string;
  /** Grid position: column 0..2, row 0..3. */
  col: number;
  row: number;
  /** Which paths pass through this node. */
  paths: PathName[];
  /** Nodes that are boundaries, not steps, are drawn dashed. */
  boundary?: boolean;
}

export const nodes: MapNode[] = [
  {
    id: 'apigw',
    label: 'API Gateway',
    sub: 'event',
    description: 'Stage, path, headers and body arrive as the Lambda handler’s input.',
    col: 0,
    row: 0,
    paths: ['cold', 'warm'],
  },
  {
    id: 'handler',
    label: 'Lambda handler',
    sub: 'handler(event, context)',
    description: 'The Lambda handler and its adapter turn the event into the request/response form Nest understands.',
    col: 1,
    row: 0,
    paths: ['cold', 'warm'],
  },
  {
    id: 'cold',
    label: 'cold start boundary',
    sub: 'bundle load + NestFactory',
    description:
      'At cold start: bundle load and NestFactory build the app and the adapter, and the adapter cache is created. Warm invocations reuse them.',
    col: 2,
    row: 0,
    paths: ['cold'],
    boundary: true,
  },
  {
    id: 'warm',
    label: 'warm cache',
    sub: 'cached server',
    description: 'Warm invocation: the cached server built at cold start is reused, no bootstrap runs.',
    col: 1,
    row: 1,
    paths: ['warm'],
    boundary: true,
  },
  {
    id: 'adapter',
    label: 'adapter',
    sub: 'event → request',
    description: 'The adapter converts the event into a request and applies the response-mapping rules.',
    col: 2,
    row: 1,
    paths: ['cold', 'warm'],
  },
  {
    id: 'scope',
    label: 'request scope',
    sub: 'guard / pipe / interceptor',
    description:
      'Per-request state ends inside this boundary: guard, pipe and interceptor run here, and request state must not leak outside the invocation.',
    col: 2,
    row: 2,
    paths: ['cold', 'warm'],
    boundary: true,
  },
  {
    id: 'controller',
    label: 'controller',
    sub: 'route handler, DTO validation',
    description: 'The controller: the route handler, with DTO validation.',
    col: 1,
    row: 2,
    paths: ['cold', 'warm'],
  },
  {
    id: 'provider',
    label: 'provider',
    sub: 'service / repository',
    description: 'The provider: service / repository, with the connection pool reused across warm invocations.',
    col: 0,
    row: 2,
    paths: ['cold', 'warm'],
  },
  {
    id: 'db',
    label: 'DB / queue',
    sub: 'timeout budget',
    description: 'DB / queue: each call spends part of the timeout budget.',
    col: 0,
    row: 3,
    paths: ['cold', 'warm'],
  },
  {
    id: 'response',
    label: 'response',
    sub: 'status / body',
    description: 'The response: status and body, mapped back into the shape API Gateway expects.',
    col: 1,
    row: 3,
    paths: ['cold', 'warm'],
  },
];

export interface MapEdge {
  from: NodeId;
  to: NodeId;
  paths: PathName[];
}

export const edges: MapEdge[] = [
  { from: 'apigw', to: 'handler', paths: ['cold', 'warm'] },
  { from: 'handler', to: 'cold', paths: ['cold'] },
  { from: 'handler', to: 'warm', paths: ['warm'] },
  { from: 'cold', to: 'adapter', paths: ['cold'] },
  { from: 'warm', to: 'adapter', paths: ['warm'] },
  { from: 'adapter', to: 'scope', paths: ['cold', 'warm'] },
  { from: 'scope', to: 'controller', paths: ['cold', 'warm'] },
  { from: 'controller', to: 'provider', paths: ['cold', 'warm'] },
  { from: 'provider', to: 'db', paths: ['cold', 'warm'] },
  { from: 'db', to: 'response', paths: ['cold', 'warm'] },
];

/**
 * Trace span name (DESIGN.md, "Trace") → the node that span belongs to. Several spans can land
 * on one node (guard + pipe + interceptor → request scope); their durations add up.
 */
export const spanToNode: Record<string, NodeId> = {
  init: 'cold',
  'init:bundle-load': 'cold',
  'init:nest-bootstrap': 'cold',
  'adapter:request': 'adapter',
  guard: 'scope',
  pipe: 'scope',
  interceptor: 'scope',
  controller: 'controller',
  provider: 'provider',
  db: 'db',
  'adapter:response': 'response',
};

export interface TraceSpan {
  name: string;
  startMs: number;
  durationMs: number;
}

export interface LabTrace {
  coldStart: boolean;
  spans: TraceSpan[];
}

/** A node's figures: the time spent in it, and with the stations that ran inside it. */
export interface NodeFigure {
  /** Its spans less the spans of other nodes nested in them: these add up to at most the Duration. */
  ownMs: number;
  /** Its outermost spans whole, nested stations included (controller ⊃ provider ⊃ db). */
  totalMs: number;
}

/**
 * Each node's figures from a trace's spans, nested by their times (spanTree): guard + pipe +
 * interceptor add up on the request scope; init and its bundle load are one station, counted once;
 * the controller's own time leaves out the provider and the db that ran inside it.
 */
export function nodeFigures(trace: LabTrace): Partial<Record<NodeId, NodeFigure>> {
  const out: Partial<Record<NodeId, NodeFigure>> = {};
  for (const node of flattenTree(spanTree(trace.spans))) {
    const id = spanToNode[node.span.name];
    if (!id) continue;
    const figure = (out[id] ??= { ownMs: 0, totalMs: 0 });
    // Own: the span less every span inside it; a child on the same node adds its own share itself.
    figure.ownMs += node.selfMs;
    if (node.parent === undefined || spanToNode[node.parent.span.name] !== id) figure.totalMs += node.span.durationMs;
  }
  return out;
}

/** Each node's own time: the figures the map writes on each node. */
export function durationsFromTrace(trace: LabTrace): Partial<Record<NodeId, number>> {
  const out: Partial<Record<NodeId, number>> = {};
  for (const [id, figure] of Object.entries(nodeFigures(trace)) as [NodeId, NodeFigure][]) out[id] = figure.ownMs;
  return out;
}

/**
 * The stations a call finished, for `stoppedAt()` (trace-story.ts): the event and the handler
 * always, the warm cache on the warm path, and every node with a span, except that the cold start
 * boundary finished only once NestFactory did: the app bootstraps inside its first invoke, so a
 * cold call that timed out after loading its bundle stopped in the cold start, not after it.
 */
export function finishedNodes(trace: LabTrace): Set<NodeId> {
  const finished = new Set<NodeId>(['apigw', 'handler', ...(trace.coldStart ? [] : (['warm'] as const))]);
  for (const span of trace.spans) {
    if (span.name === 'init' || span.name === 'init:bundle-load') continue;
    const node = spanToNode[span.name];
    if (node) finished.add(node);
  }
  return finished;
}

export function nodesOnPath(path: PathName): NodeId[] {
  return nodes.filter((node) => node.paths.includes(path)).map((node) => node.id);
}

/** Drawing geometry of the map (viewBox units). */
export const layout = {
  width: 750,
  height: 438,
  nodeWidth: 226,
  // Three lines: the label, the sub-label, the measured figures (they never share a line).
  nodeHeight: 84,
  colX: [4, 262, 520],
  rowY: [12, 122, 232, 342],
};
