import { Injectable } from '@nestjs/common';
import { DbService } from '../../app/db/db.service.ts';

export interface Profile {
  name: string;
  displayName: string;
}

@Injectable()
export class ProfileService {
  constructor(private readonly db: DbService) {}

  /** The profile lookup takes 50 ms (pg_sleep stands in for a slower real query): long enough for requests to overlap. */
  async find(name: string): Promise<Profile | null> {
    const [row] = await this.db.query<{ name: string; display_name: string | null }>(
      'select name, display_name from users, pg_sleep(0.05) where name = $1',
      [name],
    );
    return row ? { name: row.name, displayName: row.display_name ?? row.name } : null;
  }
}
