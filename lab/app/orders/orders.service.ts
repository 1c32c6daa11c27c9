import { Injectable } from '@nestjs/common';
import { span } from '../common/trace.ts';
import { DbService } from '../db/db.service.ts';
import type { CreateOrderDto } from './dto/create-order.dto.ts';

export interface Order {
  id: number;
  item: string;
  quantity: number;
  customer: string | null;
  createdAt: string;
}

interface OrderRow {
  id: string;
  item: string;
  quantity: number;
  customer: string | null;
  created_at: Date;
}

@Injectable()
export class OrdersService {
  constructor(private readonly db: DbService) {}

  create(dto: CreateOrderDto, idempotencyKey: string | undefined): Promise<Order> {
    return span('provider', async () => {
      const [row] = await this.db.query<OrderRow>(
        `insert into orders (item, quantity, customer, idempotency_key) values ($1, $2, $3, $4)
         returning id, item, quantity, customer, created_at`,
        [dto.item, dto.quantity, dto.customer ?? null, idempotencyKey ?? null],
      );
      return toOrder(row!);
    });
  }

  list(): Promise<Order[]> {
    return span('provider', async () => {
      const rows = await this.db.query<OrderRow>(
        'select id, item, quantity, customer, created_at from orders order by id desc limit 20',
      );
      return rows.map(toOrder);
    });
  }
}

function toOrder(row: OrderRow): Order {
  return {
    id: Number(row.id),
    item: row.item,
    quantity: row.quantity,
    customer: row.customer,
    createdAt: row.created_at.toISOString(),
  };
}
