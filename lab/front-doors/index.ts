// The one gateway model: which front door an event came through, and what its client gets for
// any outcome of the invocation. The scenarios, `lab map`, `lab conformance`, `lab doors` and
// `lab invoke --front-door` all answer through here; every row names its source (sources.ts).

import { detectSource, isRecord } from '../app/event-to-request/detect-source.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { alb } from './alb.ts';
import { functionUrl } from './function-url.ts';
import { httpApi } from './http-api.ts';
import { restApi } from './rest-api.ts';
import {
  FRONT_DOORS,
  type ClientAnswer,
  type DoorModel,
  type DoorSettings,
  type FrontDoor,
  type Outcome,
  type RequestView,
} from './types.ts';

export * from './types.ts';
export { SOURCES, type Source } from './sources.ts';

export const DOORS: Record<FrontDoor, DoorModel> = { rest: restApi, http: httpApi, url: functionUrl, alb };

/**
 * The door an event came through, by the one classifier (detectSource) plus the one field it
 * leaves aside: an HTTP API integration on payload 1.0 sends `"version": "1.0"`, a REST API no
 * version at all (http-api-develop-integrations-lambda.html).
 */
export function doorOfEvent(event: unknown): DoorSettings | undefined {
  const source = detectSource(event);
  if (!source || !isRecord(event)) return undefined;
  switch (source) {
    case 'alb':
      return { door: 'alb', albMultiValue: isRecord(event.multiValueHeaders) };
    case 'function-url':
      return { door: 'url' };
    case 'apigw-v2':
      return { door: 'http', payload: '2.0' };
    case 'apigw-v1':
      return event.version === '1.0' ? { door: 'http', payload: '1.0' } : { door: 'rest' };
  }
}

/**
 * The doors that can carry this event's shape: a payload 1.0 event through REST or an HTTP API
 * on 1.0, a 2.0 event through an HTTP API or a function URL (the same schema), an ALB event
 * through an ALB only.
 */
export function doorsFor(event: unknown): FrontDoor[] {
  const own = doorOfEvent(event);
  if (!own) return [];
  if (own.door === 'alb') return ['alb'];
  if (own.door === 'rest' || own.payload === '1.0') return ['rest', 'http'];
  return ['http', 'url'];
}

/** The settings for `--front-door <door>` on this event: the event's own when it is that door. */
export function settingsFor(event: unknown, door: FrontDoor): DoorSettings | undefined {
  const own = doorOfEvent(event);
  if (!own || !doorsFor(event).includes(door)) return undefined;
  if (own.door === door) return own;
  if (door === 'http') return { door, payload: own.door === 'rest' ? '1.0' : '2.0' };
  return { door };
}

/** What the door learns of an invocation record (the lab runtime's record). */
export function outcomeOf(record: InvocationRecord): Outcome {
  switch (record.status) {
    case 'ok':
      return { kind: 'returned', result: record.result };
    case 'timeout':
      return { kind: 'function-timeout' };
    case 'throttled':
      return { kind: 'throttled' };
    case 'error': {
      const errorType = record.errorType ?? 'Error';
      const errorMessage = record.errorMessage ?? '';
      if (errorType === 'Function.ResponseSizeTooLarge') return { kind: 'oversized' };
      if (errorType === 'RequestTooLargeException' || errorType === 'InvalidRequestContentException')
        return { kind: 'rejected', errorType };
      if (errorType === 'Runtime.ExitError' || errorType === 'Runtime.OutOfMemory')
        return { kind: 'crashed', errorType, errorMessage };
      return { kind: 'threw', errorType, errorMessage };
    }
  }
}

/**
 * What the client gets through `settings.door` for this outcome (or invocation record). The
 * clean entry point for anything that runs requests through a chosen door: give it the record
 * (or `{ kind: 'door-timeout' }` when the door's clock ran out) and the request's Accept header.
 * With a record and an integration timeout, an invocation that lasted longer is the door's timeout.
 */
export function clientAnswer(
  settings: DoorSettings,
  outcome: Outcome | InvocationRecord,
  request: RequestView = {},
): ClientAnswer {
  const model = DOORS[settings.door];
  // A request over the door's own limit never reaches the function (ALB: 1 MB).
  if (request.bodyBytes !== undefined && request.bodyBytes > model.limits.requestBytes)
    return model.answer({ kind: 'rejected', errorType: 'RequestTooLarge' }, settings, request);
  if ('kind' in outcome) return model.answer(outcome, settings, request);
  const limit = settings.integrationTimeoutMs;
  if (model.timeout && limit !== undefined && outcome.durationMs > limit)
    return model.answer({ kind: 'door-timeout' }, settings, request);
  return model.answer(outcomeOf(outcome), settings, request);
}

/** The Accept header of an event, whatever its shape (v1 multi-value, v2 or ALB headers). */
export function acceptOf(event: unknown): string | undefined {
  if (!isRecord(event)) return undefined;
  for (const map of [event.multiValueHeaders, event.headers]) {
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      if (name.toLowerCase() !== 'accept') continue;
      return Array.isArray(value) ? String(value[0]) : String(value);
    }
  }
  return undefined;
}

/** What of the event a door's answer depends on: its Accept header and its body's size. */
export function requestView(event: unknown): RequestView {
  const accept = acceptOf(event);
  const view: RequestView = accept === undefined ? {} : { accept };
  if (isRecord(event) && typeof event.body === 'string')
    view.bodyBytes = Buffer.byteLength(event.body, event.isBase64Encoded === true ? 'base64' : 'utf8');
  return view;
}

/** `--front-door` parser's check: a door name, or an error naming the four. */
export function parseDoorName(value: string): FrontDoor | undefined {
  return (FRONT_DOORS as readonly string[]).includes(value) ? (value as FrontDoor) : undefined;
}

/** Why this integration timeout does not fit the door, or undefined when it does. */
export function whyNotTimeout(door: FrontDoor, ms: number): string | undefined {
  const t = DOORS[door].timeout;
  if (!t)
    return `a ${DOORS[door].label} has no timeout of its own (it waits for the function): drop --gateway-timeout, or choose --front-door rest|http`;
  if (!Number.isInteger(ms) || ms < t.minMs || ms > t.maxMs)
    return `the ${DOORS[door].label} integration timeout is ${t.minMs} to ${t.maxMs} ms, got ${ms}`;
  return undefined;
}

/** One answer as JSON: text bodies as text, binary ones as base64 (with their length). */
export function answerJson(a: ClientAnswer): {
  door: FrontDoor;
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  bodyBytes: number;
  answeredBy: ClientAnswer['answeredBy'];
  case: ClientAnswer['case'];
  source: ClientAnswer['source'];
} {
  const text = a.body.toString('utf8');
  const isText = Buffer.from(text, 'utf8').equals(a.body);
  return {
    door: a.door,
    statusCode: a.statusCode,
    headers: a.headers,
    body: isText ? text : a.body.toString('base64'),
    bodyEncoding: isText ? 'utf8' : 'base64',
    bodyBytes: a.body.length,
    answeredBy: a.answeredBy,
    case: a.case,
    source: a.source,
  };
}
