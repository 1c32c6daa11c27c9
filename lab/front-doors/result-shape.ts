// Reading a Lambda result the way the proxy integrations read it: the shared parts of the four
// doors (header maps, base64 bodies); each door decides what of it is malformed.

import type { ClientAnswer, DoorCase, FrontDoor } from './types.ts';
import type { Source } from './sources.ts';

export interface ProxyResult {
  statusCode: number;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown>;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with a whole-number statusCode and a string (or absent) body: the shape every door needs. */
export function asProxyResult(result: unknown): ProxyResult | undefined {
  if (!isObject(result)) return undefined;
  const { statusCode, body, headers, multiValueHeaders } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) return undefined;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  if (headers !== undefined && headers !== null && !isObject(headers)) return undefined;
  if (multiValueHeaders !== undefined && multiValueHeaders !== null && !isObject(multiValueHeaders)) return undefined;
  return result as unknown as ProxyResult;
}

export class HeaderLines {
  readonly lines: Record<string, string[]> = {};
  add(name: string, values: unknown[]): void {
    (this.lines[name.toLowerCase()] ??= []).push(...values.map(String));
  }
}

/** Payload 1.0 (REST, HTTP API 1.0): multiValueHeaders and headers merged, multi winning a name both carry. */
export function v1Headers(r: ProxyResult): Record<string, string[]> {
  const h = new HeaderLines();
  const multi = r.multiValueHeaders ?? {};
  for (const [n, v] of Object.entries(multi)) h.add(n, Array.isArray(v) ? v : [v]);
  for (const [n, v] of Object.entries(r.headers ?? {})) if (!(n in multi)) h.add(n, [v]);
  return h.lines;
}

/** Payload 2.0 (HTTP API 2.0, function URL): headers, and each cookies[] entry its own Set-Cookie. */
export function v2Headers(r: ProxyResult): Record<string, string[]> {
  const h = new HeaderLines();
  for (const [n, v] of Object.entries(r.headers ?? {})) h.add(n, [v]);
  if (Array.isArray(r.cookies)) h.add('set-cookie', r.cookies);
  return h.lines;
}

export function bodyBytes(r: ProxyResult, decode: boolean): Buffer {
  const text = typeof r.body === 'string' ? r.body : '';
  return Buffer.from(text, decode && r.isBase64Encoded === true ? 'base64' : 'utf8');
}

export function answer(
  door: FrontDoor,
  answeredBy: ClientAnswer['answeredBy'],
  kase: DoorCase,
  statusCode: number,
  headers: Record<string, string[]>,
  body: string | Buffer,
  source: Source,
): ClientAnswer {
  return {
    door,
    statusCode,
    headers,
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    answeredBy,
    case: kase,
    source,
  };
}

/** A returned result that the function meant as binary (base64 with the flag set). */
export function isBinaryResult(r: ProxyResult): boolean {
  return r.isBase64Encoded === true;
}

export const JSON_TYPE = { 'content-type': ['application/json'] };
