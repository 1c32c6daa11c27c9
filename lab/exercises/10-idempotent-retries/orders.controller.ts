import { Body, Controller, Headers, Post, ValidationPipe } from '@nestjs/common';
import { CreateOrderDto } from '../../app/orders/dto/create-order.dto.ts';
import { OrdersService } from '../../variants/retry/orders.service.ts';
import { Idempotency } from './idempotency.ts';

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  async create(
    @Body(new ValidationPipe({ whitelist: true, transform: true })) dto: CreateOrderDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.idempotency.once(
      idempotencyKey,
      dto,
      (db) => this.orders.place(db, dto, idempotencyKey),
      (order) => this.orders.sendConfirmation(order, idempotencyKey),
    );
  }
}
