import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { DashboardModule } from './dashboard.module.ts';

export const handler = nestHandler(DashboardModule);
