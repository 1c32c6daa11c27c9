// Which front door sent this event? The one classifier: the lab handler's steps (this folder),
// the samples and the mapping inspector all ask it, so they all use one set of names.
//
// The shape rules are the ones, in the same order, that @codegenie/serverless-express 5.0.0 uses
// to pick its event source (src/event-sources/utils.js, getEventSourceNameBasedOnEvent), narrowed
// to the HTTP sources the lab serves, plus one rule the adapter does not need: a Function URL event
// "follows the same schema as the Amazon API Gateway payload format version 2.0", and only its
// domain name, `<url-id>.lambda-url.<region>.on.aws`, tells it apart
// (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html). The adapter maps both alike.
//
// Erasable syntax only: the CLI runs this file under Node's type stripping, the app bundle via tsc.

/**
 * The front door, named as `lab events` and `lab conformance` print it:
 * - `apigw-v1`: API Gateway REST API, payload format 1.0 (`httpMethod`, `path`);
 * - `apigw-v2`: API Gateway HTTP API, payload format 2.0 (`rawPath`, `requestContext.http`);
 * - `function-url`: a Lambda Function URL (payload 2.0, on a `.lambda-url.` domain);
 * - `alb`: an Application Load Balancer target (`requestContext.elb`).
 * `undefined` means not an HTTP event at all (an SQS batch, a test event, a typo).
 */
export type HttpEventSource = 'apigw-v1' | 'apigw-v2' | 'function-url' | 'alb';

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The front door by shape alone, as the adapter decides it; whyNotAnHttpEvent() says whether it is complete. */
export function detectSource(event: unknown): HttpEventSource | undefined {
  if (!isRecord(event)) return undefined;
  const requestContext = isRecord(event.requestContext) ? event.requestContext : undefined;
  if (requestContext?.elb) return 'alb';
  // The adapter's next rules pick non-HTTP sources (VPC Lattice v2, Kafka, SNS/SQS/S3/... records).
  if (requestContext?.serviceNetworkArn && requestContext.serviceArn) return undefined;
  if (event.eventSource === 'SelfManagedKafka') return undefined;
  if (event.Records) return undefined;
  if (!requestContext) return undefined;
  if (event.version !== '2.0') return 'apigw-v1';
  const domainName = requestContext.domainName;
  return typeof domainName === 'string' && domainName.includes('.lambda-url.') ? 'function-url' : 'apigw-v2';
}

/** Payload 1.0 (REST API, ALB) carries `httpMethod` and `path`; payload 2.0 (HTTP API, Function URL) does not. */
export function isPayloadV1(source: HttpEventSource): source is 'apigw-v1' | 'alb' {
  return source === 'apigw-v1' || source === 'alb';
}

// The method and path the adapter will read from an event of that source.
export function requestLine(event: Json, source: HttpEventSource): { method: unknown; path: unknown } {
  if (isPayloadV1(source)) return { method: event.httpMethod, path: event.path };
  const http = isRecord(event.requestContext) && isRecord(event.requestContext.http) ? event.requestContext.http : {};
  return { method: http.method, path: event.rawPath };
}

// Why the adapter cannot turn this value into an HTTP request, or undefined when it can.
export function whyNotAnHttpEvent(event: unknown): string | undefined {
  if (event === null) return 'it is null';
  if (Array.isArray(event)) return 'it is an array, not one event object';
  if (!isRecord(event)) return `it is a ${typeof event}, not an object`;
  const source = detectSource(event);
  if (source === undefined) {
    const records = Array.isArray(event.Records) && isRecord(event.Records[0]) ? event.Records[0] : undefined;
    const recordSource = records?.eventSource ?? records?.EventSource;
    if (typeof recordSource === 'string') return `it is a batch of "${recordSource}" records, not an HTTP request`;
    return 'it has no "httpMethod" or "requestContext.http"';
  }
  const { method, path } = requestLine(event, source);
  if (isPayloadV1(source)) {
    if (typeof method !== 'string') return 'it has a "requestContext" but no "httpMethod"';
    if (typeof path !== 'string') return 'it has an "httpMethod" but no "path"';
    return undefined;
  }
  if (typeof method !== 'string') return 'it says "version": "2.0" but has no "requestContext.http.method"';
  if (typeof path !== 'string') return 'it says "version": "2.0" but has no "rawPath"';
  return undefined;
}
