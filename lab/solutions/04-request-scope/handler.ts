import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { MeModule } from './me.module.ts';

export const handler = nestHandler(MeModule);
