// What the platform meant: the request an HTTP client sent, read from the event by the rules of
// its source (REST v1, HTTP API v2 / Function URL, ALB), independently of any adapter. The loss
// rules compare this with what Nest saw.

import { detectSource, isRecord, type HttpEventSource } from '../app/event-to-request/detect-source.ts';

// `any`: events are foreign JSON read field by field, with each rule checking the shape it
// needs; typing every source's full schema here would restate @types/aws-lambda four times.
export type Json = Record<string, any>;

export interface PlatformRequest {
  source: HttpEventSource;
  method: string;
  /** The path's segments, each decoded once: `a%2Fb` stays one segment `a/b`. */
  segments: string[];
  /** `/<stage>` when an HTTP API named stage sits in front of rawPath. */
  stagePrefix?: string;
  query: Record<string, string[]>;
  /** Every Cookie line the client sent (v2: cookies[] plus any cookie header). */
  cookieLines: string[];
  cookies: Record<string, string>;
  /** Lower-case name → every value, cookie excluded. */
  headers: Record<string, string[]>;
  /** The body's bytes, or `invalid-base64` when isBase64Encoded lies. */
  body: Buffer | 'invalid-base64';
  /** Something in the query cannot be percent-decoded (ALB passes it on as typed). */
  malformedPercent: boolean;
  /** ALB target group with multi-value headers on (the event carries multiValueHeaders). */
  albMultiValue: boolean;
}

export function platformRequest(event: Json): PlatformRequest {
  const source = detectSource(event);
  if (!source) throw new Error('not an HTTP event');
  const v2 = source === 'apigw-v2' || source === 'function-url';
  const headerLists = v2 ? single(event.headers) : (event.multiValueHeaders ?? single(event.headers));
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headerLists ?? {})) {
    (headers[name.toLowerCase()] ??= []).push(...(values as unknown[]).map(String));
  }
  const cookieLines = [...(v2 && Array.isArray(event.cookies) ? event.cookies : []), ...(headers.cookie ?? [])];
  delete headers.cookie;
  const { path, stagePrefix } = v2 ? v2Path(event) : { path: String(event.path), stagePrefix: undefined };
  const query = source === 'alb' ? albQuery(event) : v2 ? searchQuery(event.rawQueryString ?? '') : v1Query(event);
  return {
    source,
    method: String(v2 ? event.requestContext.http.method : event.httpMethod).toUpperCase(),
    segments: pathSegments(path),
    ...(stagePrefix ? { stagePrefix } : {}),
    query: query.query,
    cookieLines,
    cookies: parseCookieLines(cookieLines),
    headers,
    body: eventBody(event),
    malformedPercent: query.malformed,
    albMultiValue: source === 'alb' && isRecord(event.multiValueHeaders),
  };
}

export function pathSegments(path: string): string[] {
  return path.split('/').map(safeDecode);
}

export function parseCookieLines(lines: string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of lines) {
    for (const part of line.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) cookies[part.slice(0, eq).trim()] = safeDecode(part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

export function isStrictBase64(text: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);
}

function v2Path(event: Json): { path: string; stagePrefix?: string } {
  const rawPath = String(event.rawPath);
  const stage = event.requestContext?.stage;
  if (
    typeof stage === 'string' &&
    stage !== '$default' &&
    (rawPath === `/${stage}` || rawPath.startsWith(`/${stage}/`))
  ) {
    return { path: rawPath.slice(stage.length + 1) || '/', stagePrefix: `/${stage}` };
  }
  return { path: rawPath };
}

function v1Query(event: Json): { query: Record<string, string[]>; malformed: boolean } {
  const multi = event.multiValueQueryStringParameters ?? single(event.queryStringParameters) ?? {};
  return {
    query: Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, (v as unknown[]).map(String)])),
    malformed: false,
  };
}

// ALB hands keys and values over still percent-encoded, as the client typed them.
function albQuery(event: Json): { query: Record<string, string[]>; malformed: boolean } {
  const multi = event.multiValueQueryStringParameters ?? single(event.queryStringParameters) ?? {};
  let malformed = false;
  const query: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(multi)) {
    const decode = (text: string) => {
      const decoded = formDecode(text);
      if (decoded === undefined) malformed = true;
      return decoded ?? text;
    };
    (query[decode(key)] ??= []).push(...(values as unknown[]).map((v) => decode(String(v))));
  }
  return { query, malformed };
}

function searchQuery(raw: string): { query: Record<string, string[]>; malformed: boolean } {
  const query: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(raw)) (query[key] ??= []).push(value);
  return { query, malformed: false };
}

function eventBody(event: Json): Buffer | 'invalid-base64' {
  const body = typeof event.body === 'string' ? event.body : '';
  if (event.isBase64Encoded === true && body !== '')
    return isStrictBase64(body) ? Buffer.from(body, 'base64') : 'invalid-base64';
  return Buffer.from(body, 'utf8');
}

function single(map: unknown): Record<string, string[]> | undefined {
  if (!isRecord(map)) return undefined;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [String(v)]]));
}

function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
