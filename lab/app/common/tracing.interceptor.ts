import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { lastEnd, record, span } from './trace.ts';
import { rejectedByPipe } from './traced-validation.pipe.ts';

/**
 * Times the controller. Nest runs pipes inside `next.handle()`, after this interceptor, so the
 * `controller` span starts where the last pipe ended (or here, with no pipe) and ends at the
 * route handler's first value; the `interceptor` span is the interceptor's own work.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return span('interceptor', () => {
      const interceptedAt = performance.now();
      let recorded = false;
      const settle = () => {
        if (recorded) return;
        recorded = true;
        const pipeEnd = lastEnd('pipe');
        record(
          'controller',
          pipeEnd !== undefined && pipeEnd > interceptedAt ? pipeEnd : interceptedAt,
          performance.now(),
        );
      };
      return new Observable((subscriber) => {
        const subscription = next.handle().subscribe({
          next: (value) => {
            settle();
            subscriber.next(value);
          },
          error: (error: unknown) => {
            if (!(typeof error === 'object' && error !== null && rejectedByPipe.has(error))) settle();
            subscriber.error(error);
          },
          complete: () => {
            settle();
            subscriber.complete();
          },
        });
        return () => subscription.unsubscribe();
      });
    });
  }
}
