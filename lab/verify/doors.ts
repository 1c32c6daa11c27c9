// The front doors `lab verify` sends its probes through: one HTTP request as each door hands it
// to the function, and what each door's client gets back from the function's result. The event
// shape starts from the lab's own samples (lab/events/samples/), so the verification uses the
// events `lab map` and `lab conformance` use. The client's view is the mapping inspector's
// (lab/mapping-inspector/client-view.ts), behind clientResponse() alone, so a per-door model
// (lab/front-doors/) can take its place without touching the questions.

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sampleUrl } from '../events/list-samples.ts';
import { clientView, type ClientResponse } from '../mapping-inspector/client-view.ts';
import type { DoorSettings } from '../front-doors/types.ts';
import { parseNameList } from './name-list.ts';
import type { Json } from '../mapping-inspector/platform.ts';

export const DOORS = ['rest', 'http', 'url', 'alb'] as const;
export type Door = (typeof DOORS)[number];

export const DOOR_NAMES: Record<Door, string> = {
  rest: 'REST API (payload 1.0)',
  http: 'HTTP API (payload 2.0)',
  url: 'Function URL',
  alb: 'ALB (multi-value headers on)',
};

const TEMPLATE: Record<Door, string> = {
  rest: 'apigw-v1-get',
  http: 'apigw-v2-get',
  url: 'function-url',
  alb: 'alb-multi-value',
};

/** One HTTP request as the client sent it: the same for every door and for the direct call. */
export interface ClientRequest {
  method: string;
  path: string;
  /** In order, a key may repeat (`tag=a&tag=b`). Values unencoded. */
  query: Array<[string, string]>;
  /** Lower-case names, in order, a name may repeat (two header lines). Cookie lines excluded. */
  headers: Array<[string, string]>;
  /** Each Cookie line the client sent. */
  cookieLines: string[];
  body?: Buffer;
  /** An HTTP API's named stage in front of the route (the stage stays in rawPath). */
  stage?: string;
}

const templates = new Map<Door, Json>();

async function template(door: Door): Promise<Json> {
  let event = templates.get(door);
  if (!event) {
    event = JSON.parse(await readFile(sampleUrl(TEMPLATE[door]), 'utf8')) as Json;
    templates.set(door, event);
  }
  return structuredClone(event);
}

export function queryString(query: Array<[string, string]>): string {
  return query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function grouped(pairs: Array<[string, string]>): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const [k, v] of pairs) (map[k] ??= []).push(v);
  return map;
}

/** A string is text when it decodes as UTF-8 and back to the same bytes. */
function isText(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** The event this door sends the function for the client's request. */
export async function eventFor(door: Door, request: ClientRequest): Promise<Json> {
  const event = await template(door);
  const requestId = randomUUID();
  const body = request.body;
  const base64 = body !== undefined && !isText(body);
  const bodyField = body === undefined ? null : base64 ? body.toString('base64') : body.toString('utf8');
  const headerLines = [...request.headers];
  if (body !== undefined) headerLines.push(['content-length', String(body.length)]);

  if (door === 'http' || door === 'url') {
    // Payload 2.0 (AWS docs, http-api-develop-integrations-lambda.html; urls-invocation.html):
    // repeated headers joined with commas in `headers`, every Cookie header in `cookies[]`,
    // repeated query keys in rawQueryString and comma-joined in queryStringParameters.
    const stagePrefix = door === 'http' && request.stage ? `/${request.stage}` : '';
    const rawPath = `${stagePrefix}${request.path}`;
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(grouped(headerLines))) headers[name] = values.join(',');
    const query = grouped(request.query);
    event.rawPath = rawPath;
    event.rawQueryString = queryString(request.query);
    event.headers = headers;
    delete event.cookies;
    const cookies = request.cookieLines.flatMap((line) => line.split(/;\s*/)).filter(Boolean);
    if (cookies.length > 0) event.cookies = cookies;
    if (request.query.length > 0) {
      event.queryStringParameters = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.join(',')]));
    } else delete event.queryStringParameters;
    delete event.pathParameters;
    event.routeKey = '$default';
    event.requestContext = {
      ...event.requestContext,
      http: { ...event.requestContext.http, method: request.method, path: rawPath },
      requestId,
      routeKey: '$default',
      stage: door === 'http' ? (request.stage ?? '$default') : '$default',
      timeEpoch: Date.now(),
    };
    if (bodyField === null) delete event.body;
    else event.body = bodyField;
    event.isBase64Encoded = base64;
    return event;
  }

  const multiHeaders = grouped([...headerLines, ...request.cookieLines.map((l): [string, string] => ['cookie', l])]);
  const multiQuery = grouped(request.query);
  event.httpMethod = request.method;
  event.path = request.path;
  if (door === 'rest') {
    // Payload 1.0 (AWS docs, set-up-lambda-proxy-integrations.html): every line in
    // multiValueHeaders / multiValueQueryStringParameters, the last value in headers /
    // queryStringParameters; the stage is not in `path`.
    event.headers = Object.fromEntries(Object.entries(multiHeaders).map(([k, v]) => [k, v.at(-1)]));
    event.multiValueHeaders = multiHeaders;
    event.queryStringParameters =
      request.query.length > 0 ? Object.fromEntries(Object.entries(multiQuery).map(([k, v]) => [k, v.at(-1)])) : null;
    event.multiValueQueryStringParameters = request.query.length > 0 ? multiQuery : null;
    event.pathParameters = { proxy: request.path.slice(1) };
    event.requestContext = {
      ...event.requestContext,
      httpMethod: request.method,
      path: `/${event.requestContext.stage}${request.path}`,
      requestId,
      requestTimeEpoch: Date.now(),
    };
    event.body = bodyField;
  } else {
    // ALB with multi-value headers on (AWS docs, elasticloadbalancing lambda-functions.html):
    // only the multi-value maps, query values as the client encoded them, an empty body as "".
    event.multiValueHeaders = multiHeaders;
    event.multiValueQueryStringParameters = Object.fromEntries(
      Object.entries(multiQuery).map(([k, v]) => [encodeURIComponent(k), v.map(encodeURIComponent)]),
    );
    event.body = bodyField ?? '';
  }
  event.isBase64Encoded = base64;
  return event;
}

/** The id API Gateway gave this request (the `requestContext.requestId` the app may echo). */
export function apiRequestIdOf(event: Json): string | undefined {
  return typeof event.requestContext?.requestId === 'string' ? event.requestContext.requestId : undefined;
}

/**
 * What this door's client receives from the function's result, by the one gateway model
 * (lab/front-doors/). The REST API is the one deploy/ creates, with binaryMediaTypes matching every type: without
 * them a binary answer reaches a REST client as base64 text whatever the handler does, a loss of
 * the API's settings that `lab conformance` names (needs-binaryMediaTypes), not of the app's code.
 */
export function clientResponse(door: Door, result: unknown): ClientResponse | undefined {
  return clientView(DOOR_SETTINGS[door], result);
}

const DOOR_SETTINGS: Record<Door, DoorSettings> = {
  rest: { door: 'rest', binaryMediaTypes: ['*/*'] },
  http: { door: 'http', payload: '2.0' },
  url: { door: 'url' },
  alb: { door: 'alb', albMultiValue: true },
};

export function parseDoors(values: readonly string[]): Door[] | string {
  return parseNameList(values, (name) => DOORS.find((door) => door === name));
}
