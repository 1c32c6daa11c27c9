import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { span } from '../common/trace.ts';
import { connectionString, pool } from './pool.ts';

@Injectable()
export class DbService {
  async query<Row extends QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
    if (!connectionString) {
      throw new ServiceUnavailableException('DATABASE_URL is not set for this function.');
    }
    return span('db', async () => (await pool.query<Row>(text, params)).rows);
  }
}
