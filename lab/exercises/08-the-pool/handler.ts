import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { DashboardModule } from './dashboard.module.ts';

// Top-level await: Nest is built while the container initializes, before the first request.
export const handler = await nestHandler(DashboardModule);
