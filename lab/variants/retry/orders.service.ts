import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateOrderDto } from '../../app/orders/dto/create-order.dto.ts';
import { logJson } from '../shared/log.ts';
import type { Queryable } from './pool.ts';

export interface Order {
  id: number;
  item: string;
  quantity: number;
}

/** The lab's stand-ins for slow dependencies: the payment provider and the mail relay. */
const PAYMENT_MS = Number(process.env.PAYMENT_DELAY_MS ?? 50);
const MAIL_MS = Number(process.env.MAIL_DELAY_MS ?? 50);

@Injectable()
export class OrdersService {
  /** Writes the order and charges for it: the part that must happen once per idempotency key. */
  async place(db: Queryable, dto: CreateOrderDto, idempotencyKey: string | undefined): Promise<Order> {
    const { rows } = await db.query<{ id: string }>(
      'insert into orders (item, quantity, customer, idempotency_key) values ($1, $2, $3, $4) returning id',
      [dto.item, dto.quantity, dto.customer ?? null, idempotencyKey ?? null],
    );
    const order = { id: Number(rows[0]!.id), item: dto.item, quantity: dto.quantity };
    await sleep(PAYMENT_MS);
    logJson('info', 'order placed and charged', { idempotencyKey: idempotencyKey ?? null, orderId: order.id });
    return order;
  }

  /** The confirmation mail: after the order, and the relay is slow today. */
  async sendConfirmation(order: Order, idempotencyKey: string | undefined): Promise<void> {
    logJson('info', 'sending the confirmation mail', { idempotencyKey: idempotencyKey ?? null, orderId: order.id });
    await sleep(MAIL_MS);
  }
}
