import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { span } from './trace.ts';

/** Nest's own ValidationPipe, timed as the `pipe` span of the trace. */
@Injectable()
export class TracedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return span('pipe', () => super.transform(value, metadata));
  }
}
