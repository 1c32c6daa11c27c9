import type { Source } from './sources.ts';

/** The four front doors, named as `--front-door` takes them. */
export type FrontDoor = 'rest' | 'http' | 'url' | 'alb';
export const FRONT_DOORS: readonly FrontDoor[] = ['rest', 'http', 'url', 'alb'];

/** How the door is set up: what changes the client's answer besides the function. */
export interface DoorSettings {
  door: FrontDoor;
  /** HTTP API only: the integration's payload format (REST is 1.0, a function URL 2.0). */
  payload?: '1.0' | '2.0';
  /** REST API only: the API's binaryMediaTypes (none on a new API). */
  binaryMediaTypes?: readonly string[];
  /** ALB only: the target group's lambda.multi_value_headers.enabled. */
  albMultiValue?: boolean;
  /** API Gateway only: the integration timeout; a function URL and an ALB have none. */
  integrationTimeoutMs?: number;
}

/** What happened to the invocation, as the door learns it. */
export type Outcome =
  | { kind: 'returned'; result: unknown }
  | { kind: 'threw'; errorType: string; errorMessage: string }
  | { kind: 'crashed'; errorType: string; errorMessage: string }
  | { kind: 'function-timeout' }
  | { kind: 'throttled' }
  | { kind: 'oversized' }
  /** Lambda refused the request before any function ran (its payload limit, not JSON). */
  | { kind: 'rejected'; errorType: string }
  /** The door's own clock ran out first. */
  | { kind: 'door-timeout' };

/** The client's view of one case; `normal` and `binary` are results the function returned well. */
export type DoorCase =
  | 'normal'
  | 'binary'
  | 'malformed'
  | 'threw'
  | 'crashed'
  | 'function-timeout'
  | 'door-timeout'
  | 'throttled'
  | 'oversized'
  | 'rejected';

/** What the client got through the door. */
export interface ClientAnswer {
  door: FrontDoor;
  statusCode: number;
  /** Lower-case name → one entry per header line the client gets. */
  headers: Record<string, string[]>;
  body: Buffer;
  /** The function's response (as the door read it), or the door's own answer. */
  answeredBy: 'function' | 'door';
  case: DoorCase;
  source: Source;
}

/** The request as far as a door's answer depends on it (REST's binary choice reads Accept). */
export interface RequestView {
  /** The request's Accept header, as sent. */
  accept?: string;
  /** The request body's size as the client sent it (an ALB refuses more than 1 MB with 413). */
  bodyBytes?: number;
}

/** One door: its clock, its limits, and how it turns an outcome into the client's answer. */
export interface DoorModel {
  name: FrontDoor;
  /** As the tables print it. */
  label: string;
  /** The door's own timeout; null: it waits for the function (up to Lambda's 900 s). */
  timeout: { defaultMs: number; minMs: number; maxMs: number; source: Source } | null;
  limits: { requestBytes: number; responseBytes: number; source: Source };
  answer(outcome: Outcome, settings: DoorSettings, request: RequestView): ClientAnswer;
}
