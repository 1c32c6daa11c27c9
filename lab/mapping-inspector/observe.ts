// Runs one event through a deployed function as three probes: the event itself re-rooted on the
// echo route (the request as Nest saw it), and two response round trips on the same event shape
// (two Set-Cookie headers and a repeated header; the 256 bytes of /files/bytes.bin).

import type { InvocationRecord } from '../runtime/invocation.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import { acceptOf, doorOfEvent, type DoorSettings } from '../front-doors/index.ts';
import { clientView, type ClientResponse } from './client-view.ts';
import { platformRequest, type Json, type PlatformRequest } from './platform.ts';
import { mountOnEcho, retarget } from './probes.ts';

export interface EchoSeen {
  method: string;
  path: string;
  url: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  cookies: Record<string, string>;
  bodyLength: number;
  bodySha256: string;
  apiRequestId: string | null;
  awsRequestId: string | null;
}

export interface Probe {
  sent: Json;
  /** The front door and its settings the client's answer was read through. */
  door: DoorSettings;
  platform: PlatformRequest;
  record: InvocationRecord;
  response?: ClientResponse;
}

export interface Observation {
  request: Probe & {
    /** The echo route's answer, when it answered. */
    seen?: EchoSeen;
    /** The path Nest's 404 names ("Cannot GET /beta/echo"), when no route answered. */
    notFoundPath?: string;
  };
  cookies: Probe;
  bytes: Probe;
}

/** `door`: the door's settings (a REST API's binaryMediaTypes); by default the event's own door, as a new one is set up. */
export async function observe(fn: LocalFunction, event: Json, door?: DoorSettings): Promise<Observation> {
  const request = await probe(fn, mountOnEcho(event), door);
  const cookies = await probe(fn, retarget(event, 'GET', '/cookies'), door);
  const bytes = await probe(fn, retarget(event, 'GET', '/files/bytes.bin'), door);
  return { request: { ...request, ...echoAnswer(request.response) }, cookies, bytes };
}

export async function probe(fn: LocalFunction, sent: Json, settings?: DoorSettings): Promise<Probe> {
  const platform = platformRequest(sent);
  const door = settings ?? doorOfEvent(sent)!;
  const record = await fn.invoke(sent);
  const accept = acceptOf(sent);
  const response = record.status === 'ok' ? clientView(door, record.result, accept ? { accept } : {}) : undefined;
  return { sent, door, platform, record, ...(response ? { response } : {}) };
}

function echoAnswer(response: ClientResponse | undefined): { seen?: EchoSeen; notFoundPath?: string } {
  if (!response) return {};
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    return {};
  }
  const json = body as Partial<EchoSeen> & { message?: unknown };
  if (response.statusCode === 200 && typeof json.bodySha256 === 'string') return { seen: json as EchoSeen };
  const missing =
    response.statusCode === 404 && typeof json.message === 'string' ? /^Cannot \S+ (.*)$/.exec(json.message) : null;
  return missing ? { notFoundPath: missing[1]!.split('?')[0]! } : {};
}
