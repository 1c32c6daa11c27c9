import { nestHandler } from '../../shared/nest-handler.ts';
import { UsersModule } from './users.module.ts';

// Top-level await: Nest is built while the container initializes, before the first request.
export const handler = await nestHandler(UsersModule);
