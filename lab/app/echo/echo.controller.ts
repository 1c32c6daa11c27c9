import { All, Controller, Req } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import { span } from '../common/trace.ts';
import { currentInvoke } from '../event-to-request/current-invoke.ts';

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
      const { event, context } = currentInvoke();
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
