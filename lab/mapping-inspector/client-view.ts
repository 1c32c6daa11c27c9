// What the client would receive from a handler's result, read the way the event's source reads
// it: REST v1 merges headers and multiValueHeaders; HTTP API v2 reads headers plus cookies[];
// ALB reads multiValueHeaders when multi-value headers are on, else one value per `headers` key.

import type { PlatformRequest } from './platform.ts';

export interface ClientResponse {
  statusCode: number;
  /** Lower-case name → one entry per header line the client gets. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export function clientView(
  request: Pick<PlatformRequest, 'source' | 'albMultiValue'>,
  result: unknown,
): ClientResponse | undefined {
  if (
    typeof result !== 'object' ||
    result === null ||
    typeof (result as { statusCode?: unknown }).statusCode !== 'number'
  )
    return undefined;
  const r = result as {
    statusCode: number;
    headers?: Record<string, unknown>;
    multiValueHeaders?: Record<string, unknown[]>;
    cookies?: string[];
    body?: string;
    isBase64Encoded?: boolean;
  };
  const headers: Record<string, string[]> = {};
  const add = (name: string, values: unknown[]) => (headers[name.toLowerCase()] ??= []).push(...values.map(String));
  if (request.source === 'alb') {
    if (request.albMultiValue && r.multiValueHeaders)
      for (const [n, v] of Object.entries(r.multiValueHeaders)) add(n, v);
    else for (const [n, v] of Object.entries(r.headers ?? {})) add(n, [v]);
  } else if (request.source === 'apigw-v1') {
    for (const [n, v] of Object.entries(r.multiValueHeaders ?? {})) add(n, v);
    for (const [n, v] of Object.entries(r.headers ?? {})) if (!r.multiValueHeaders?.[n]) add(n, [v]);
  } else {
    for (const [n, v] of Object.entries(r.headers ?? {})) add(n, [v]);
    if (Array.isArray(r.cookies)) add('set-cookie', r.cookies);
  }
  const body = Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: r.statusCode, headers, body };
}

/** Every value of a (non-Set-Cookie) header: several lines, or one line joined with commas. */
export function headerValues(response: ClientResponse, name: string): string[] {
  return (response.headers[name] ?? []).flatMap((line) => line.split(',').map((v) => v.trim()));
}
