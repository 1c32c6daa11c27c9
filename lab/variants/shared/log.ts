import { maybeCurrentInvocation } from '../../app/event-to-request/current-invocation.ts';

/**
 * One structured log line (JSON), as Powertools Logger writes them: every line carries the
 * Lambda request id and the API Gateway request id, so one request's lines can be found again.
 */
export function logJson(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  const invocation = maybeCurrentInvocation();
  console.log(
    JSON.stringify({
      level,
      message,
      awsRequestId: invocation?.context.awsRequestId ?? null,
      apiRequestId: invocation?.event.requestContext?.requestId ?? null,
      ...fields,
    }),
  );
}
