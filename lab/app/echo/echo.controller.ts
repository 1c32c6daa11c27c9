import { All, Controller, Req } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import { span } from '../common/trace.ts';
import { getCurrentInvoke } from '@codegenie/serverless-express';
import { maybeCurrentInvocation, type Invocation } from '../event-to-request/current-invocation.ts';

/**
 * Answers with the request exactly as Nest saw it: the probe of the event-mapping lesson.
 * `?delayMs=N` (at most 1000) waits before answering, so two invocations can overlap in one
 * environment (the getCurrentInvoke() lesson).
 */
@Controller('echo')
export class EchoController {
  @All(['', '*path'])
  async echo(@Req() request: Request & { rawBody?: Buffer }) {
    const delayMs = Math.min(Number(request.query.delayMs) || 0, 1000);
    if (delayMs > 0) await sleep(delayMs);
    return span('provider', () => {
      const body = request.rawBody ?? Buffer.alloc(0);
      // Under the default handler (no runInvocation()) this is serverless-express's one shared
      // object, with its bug: the "before" column of the getCurrentInvoke() lesson.
      const { event, context } = maybeCurrentInvocation() ?? (getCurrentInvoke() as Partial<Invocation>);
      return {
        method: request.method,
        path: request.path,
        url: request.originalUrl,
        query: request.query,
        headers: request.headers,
        cookies: parseCookies(request.headers.cookie),
        bodyBase64: body.toString('base64'),
        bodyLength: body.length,
        bodySha256: createHash('sha256').update(body).digest('hex'),
        contentType: request.headers['content-type'] ?? null,
        sourceIp: request.ip ?? null,
        apiRequestId: event?.requestContext?.requestId ?? null,
        awsRequestId: context?.awsRequestId ?? null,
      };
    });
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}
