import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { MeModule } from './me.module.ts';

// Top-level await: Nest is built while the container initializes, before the first request.
export const handler = await nestHandler(MeModule);
