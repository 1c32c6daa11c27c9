import { nestHandler } from '../../shared/nest-handler.ts';
import { MeModule } from './me.module.ts';

export const handler = nestHandler(MeModule);
