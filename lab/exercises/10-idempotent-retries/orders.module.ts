import { Module } from '@nestjs/common';
import { OrdersService } from '../../variants/retry/orders.service.ts';
import { Idempotency } from './idempotency.ts';
import { OrdersController } from './orders.controller.ts';

@Module({ controllers: [OrdersController], providers: [OrdersService, Idempotency] })
export class OrdersModule {}
