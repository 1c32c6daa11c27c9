// The same event, pointed at a probe route. Only the path (and, for the response probes, the
// method, body and query) changes: the event's shape — stage, headers, cookies, multi-value
// maps — is what is being tested, so it stays exactly as the platform sent it.

import { detectSource } from '../app/event-to-request/detect-source.ts';
import type { Json } from './platform.ts';

/** The event, re-rooted under /echo so the echo route answers with what Nest saw. */
export function mountOnEcho(event: Json): Json {
  const path = currentPath(event);
  if (path === '/echo' || path.startsWith('/echo/')) return event;
  return withPath(event, path === '/' ? '/echo' : `/echo${path}`);
}

/** The event as a bodiless, query-less request to another route (the response probes). */
export function retarget(event: Json, method: string, path: string): Json {
  const copy = withPath(event, path);
  const source = detectSource(copy);
  if (source === 'apigw-v2' || source === 'function-url') {
    copy.requestContext = { ...copy.requestContext, http: { ...copy.requestContext.http, method } };
    copy.rawQueryString = '';
    delete copy.queryStringParameters;
  } else {
    copy.httpMethod = method;
    if (copy.queryStringParameters) copy.queryStringParameters = source === 'alb' ? {} : null;
    if (copy.multiValueQueryStringParameters) copy.multiValueQueryStringParameters = source === 'alb' ? {} : null;
  }
  copy.body = source === 'alb' ? '' : null;
  copy.isBase64Encoded = false;
  // No body, so nothing for these to describe.
  for (const map of [copy.headers, copy.multiValueHeaders]) {
    for (const name of Object.keys(map ?? {})) if (/^content-(length|type)$/i.test(name)) delete map[name];
  }
  return copy;
}

/** The path a route would see, under any named-stage prefix (v2 keeps it in rawPath). */
function currentPath(event: Json): string {
  const v2 = event.version === '2.0';
  const raw = String(v2 ? event.rawPath : event.path);
  const prefix = v2 ? stagePrefix(event) : '';
  return prefix ? raw.slice(prefix.length) || '/' : raw;
}

function withPath(event: Json, path: string): Json {
  const copy = structuredClone(event);
  if (copy.version === '2.0') {
    copy.rawPath = `${stagePrefix(copy)}${path}`;
    if (copy.requestContext?.http) copy.requestContext.http.path = copy.rawPath;
  } else {
    copy.path = path;
    // A /{proxy+} resource: serverless-express reads the path from pathParameters.proxy.
    if (copy.pathParameters?.proxy) copy.pathParameters = { ...copy.pathParameters, proxy: path.slice(1) };
  }
  return copy;
}

function stagePrefix(event: Json): string {
  const stage = event.requestContext?.stage;
  const raw = String(event.rawPath ?? '');
  if (typeof stage !== 'string' || stage === '$default') return '';
  return raw === `/${stage}` || raw.startsWith(`/${stage}/`) ? `/${stage}` : '';
}
