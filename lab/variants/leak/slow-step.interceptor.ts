import { Injectable, type CallHandler, type NestInterceptor } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Observable } from 'rxjs';

/**
 * A step between the guard and the handler that takes LAB_STEP_BEFORE_HANDLER_MS (0 unless set):
 * a token check, a feature flag fetched. Exercise 07's check sets it so that overlapping calls
 * interleave between guard and handler whatever order the runtime delivers them in: its verdict
 * on state kept in a singleton does not rest on the runtime's scheduling.
 */
@Injectable()
export class SlowStepInterceptor implements NestInterceptor {
  async intercept(_context: unknown, next: CallHandler): Promise<Observable<unknown>> {
    const ms = Number(process.env.LAB_STEP_BEFORE_HANDLER_MS ?? 0);
    if (ms > 0) await sleep(ms);
    return next.handle();
  }
}
