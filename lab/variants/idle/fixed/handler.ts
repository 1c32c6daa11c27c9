import { nestHandler } from '../../shared/nest-handler.ts';
import { UsersModule } from './users.module.ts';

export const handler = nestHandler(UsersModule);
