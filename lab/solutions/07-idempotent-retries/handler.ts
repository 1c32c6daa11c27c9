import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { OrdersModule } from './orders.module.ts';

export const handler = nestHandler(OrdersModule);
