import { whyNotAnHttpEvent } from '../detect-source.ts';
import type { HttpEvent } from '../http-event.ts';

/**
 * Not an HTTP event (an SQS batch, a test event, a typo): there is no client to answer, so this
 * is an invocation error with a message that says what was expected and what was wrong, not the
 * adapter's "Unable to determine event source based on event."
 */
export function requireHttpEvent(event: HttpEvent): HttpEvent {
  const why = whyNotAnHttpEvent(event);
  if (why !== undefined) {
    throw new TypeError(
      'Not an HTTP event: expected API Gateway REST v1 (httpMethod, path), HTTP API v2 or a Function URL ' +
        `(version "2.0", rawPath, requestContext.http.method), or ALB (requestContext.elb); ${why}.`,
    );
  }
  return event;
}
