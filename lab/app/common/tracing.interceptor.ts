import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { span } from './trace.ts';

/**
 * Times the controller: the `interceptor` span is the interceptor's own work around the route,
 * the `controller` span runs from the call of the route handler to its first value.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return span('interceptor', () => {
      let settle: (() => void) | undefined;
      const done = new Promise<void>((resolve) => (settle = resolve));
      void span('controller', () => done);
      return new Observable((subscriber) => {
        const subscription = next.handle().subscribe({
          next: (value) => {
            settle?.();
            subscriber.next(value);
          },
          error: (error: unknown) => {
            settle?.();
            subscriber.error(error);
          },
          complete: () => {
            settle?.();
            subscriber.complete();
          },
        });
        return () => subscription.unsubscribe();
      });
    });
  }
}
