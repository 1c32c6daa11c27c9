import { Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { CreateOrderDto } from './dto/create-order.dto.ts';
import { OrdersService } from './orders.service.ts';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  create(@Body() dto: CreateOrderDto, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.orders.create(dto, idempotencyKey);
  }

  @Get()
  list() {
    return this.orders.list();
  }
}
