// The mapping probes of lesson 6 (lab/mapping-inspector/: named stage, repeated headers, two
// Cookie lines, query arrays, binary bodies), made for one of the app's own routes. Each probe
// varies one thing, so a loss names the input that caused it.

import type { Door } from './doors.ts';
import type { ClientRequest } from './doors.ts';
import type { AppRoute } from './nest-probe/records.ts';
import { PROBE_HEADER } from './nest-probe/records.ts';

export const PROBES = [
  'baseline',
  'query-array',
  'repeated-header',
  'two-cookie-lines',
  'named-stage',
  'binary-body',
] as const;
export type ProbeName = (typeof PROBES)[number];

/** 256 bytes, every value once: not UTF-8, so any text round trip changes them. */
export const BINARY_BODY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** A concrete path for a route pattern: `:name` and `*rest` filled in, optional `{…}` groups kept. */
export function concretePath(pattern: string): string {
  const path = pattern
    .replace(/[{}]/g, '')
    .replace(/\*[A-Za-z0-9_]*/g, 'verify/x')
    .replace(/:([A-Za-z0-9_]+)/g, 'verify');
  return path.startsWith('/') ? path : `/${path}`;
}

function methodOf(route: AppRoute): string {
  return route.method === 'ALL' ? 'GET' : route.method;
}

const TAKES_BODY = new Set(['POST', 'PUT', 'PATCH', 'ALL']);

/** The probes that apply to this route through this door (named stage: an HTTP API's only). */
export function probesFor(route: AppRoute, door: Door): ProbeName[] {
  return PROBES.filter(
    (p) => (p !== 'named-stage' || door === 'http') && (p !== 'binary-body' || TAKES_BODY.has(route.method)),
  );
}

export function probeRequest(
  route: AppRoute,
  probe: ProbeName,
  id: string,
  extraHeaders: Array<[string, string]> = [],
): ClientRequest {
  const request: ClientRequest = {
    method: methodOf(route),
    path: concretePath(route.path),
    query: [],
    headers: [['accept', '*/*'], ['user-agent', 'boundary-lab-verify'], [PROBE_HEADER, id], ...extraHeaders],
    cookieLines: [],
  };
  switch (probe) {
    case 'query-array':
      request.query = [
        ['tag', 'a'],
        ['tag', 'b'],
        ['q', 'two words'],
      ];
      break;
    case 'repeated-header':
      request.headers.push(['x-verify-tag', 'one'], ['x-verify-tag', 'two']);
      break;
    case 'two-cookie-lines':
      request.cookieLines = ['verify_a=1', 'verify_b=2'];
      break;
    case 'named-stage':
      request.stage = 'beta';
      break;
    case 'binary-body':
      if (route.method === 'ALL') request.method = 'POST';
      request.headers.push(['content-type', 'application/octet-stream']);
      request.body = BINARY_BODY;
      break;
    case 'baseline':
      break;
  }
  return request;
}

const PROBED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The routes worth a probe: the methods a front door's client sends a body or none with (not
 * CONNECT or TRACE, which no API Gateway route passes on), one route per path and method, and a
 * path Express holds for every method (Nest's @All) as one `ALL` route.
 */
export function probeableRoutes(routes: readonly AppRoute[]): AppRoute[] {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) {
    if (!byPath.has(path)) byPath.set(path, new Set());
    byPath.get(path)!.add(method);
  }
  const result: AppRoute[] = [];
  for (const [path, methods] of byPath) {
    if (methods.has('ALL') || PROBED_METHODS.every((m) => methods.has(m))) result.push({ method: 'ALL', path });
    else for (const method of PROBED_METHODS.filter((m) => methods.has(m))) result.push({ method, path });
  }
  return result;
}
