import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { span } from './trace.ts';

/** Errors a pipe threw: the route handler never ran for them (the trace shows no controller). */
export const rejectedByPipe = new WeakSet<object>();

/** Nest's own ValidationPipe, timed as the `pipe` span of the trace. */
@Injectable()
export class TracedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return span('pipe', () =>
      super.transform(value, metadata).catch((error: unknown) => {
        if (typeof error === 'object' && error !== null) rejectedByPipe.add(error);
        throw error;
      }),
    );
  }
}
