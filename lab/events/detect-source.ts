// Which kind of HTTP event is this? The same shape rules, in the same order, that
// @codegenie/serverless-express 5.0.0 uses to pick its event source
// (src/event-sources/utils.js, getEventSourceNameBasedOnEvent), narrowed to the four HTTP
// sources the lab serves, plus one rule the adapter does not need: a Function URL event is
// HTTP API v2-shaped, and only its domain name (<url-id>.lambda-url.<region>.on.aws) tells it apart.

export type EventSource = 'apigw-v1' | 'apigw-v2' | 'alb' | 'function-url';

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function detectSource(event: unknown): EventSource | undefined {
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

// The method and path the adapter will read from an event of that source.
export function requestLine(event: Json, source: EventSource): { method: unknown; path: unknown } {
  if (source === 'apigw-v1' || source === 'alb') return { method: event.httpMethod, path: event.path };
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
  if (source === 'apigw-v1' || source === 'alb') {
    if (typeof method !== 'string') return 'it has a "requestContext" but no "httpMethod"';
    if (typeof path !== 'string') return 'it has an "httpMethod" but no "path"';
    return undefined;
  }
  if (typeof method !== 'string') return 'it says "version": "2.0" but has no "requestContext.http.method"';
  if (typeof path !== 'string') return 'it says "version": "2.0" but has no "rawPath"';
  return undefined;
}
