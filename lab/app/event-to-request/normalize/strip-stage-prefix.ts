import { detectSource } from '../detect-source.ts';
import type { HttpEvent } from '../http-event.ts';

/**
 * HTTP API v2 on a named stage keeps the stage in rawPath (`/beta/users/me`), and the adapter
 * passes it on, so no route matches (serverless-express#465). The $default stage, Function URLs
 * and custom domains have no prefix; only strip one that is really there.
 */
export function stripStagePrefix(event: HttpEvent): HttpEvent {
  const stage = event.requestContext?.stage;
  if (detectSource(event) !== 'apigw-v2' || !stage || stage === '$default' || !event.rawPath) return event;
  const prefix = `/${stage}`;
  if (event.rawPath !== prefix && !event.rawPath.startsWith(`${prefix}/`)) return event;
  return { ...event, rawPath: event.rawPath.slice(prefix.length) || '/' };
}
