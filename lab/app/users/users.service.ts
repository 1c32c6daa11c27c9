import { Injectable, NotFoundException } from '@nestjs/common';
import { span } from '../common/trace.ts';
import { DbService } from '../db/db.service.ts';

export interface UserProfile {
  name: string;
  displayName: string;
  role: string;
}

@Injectable()
export class UsersService {
  constructor(private readonly db: DbService) {}

  profile(name: string): Promise<UserProfile> {
    return span('provider', async () => {
      const [row] = await this.db.query<{ name: string; display_name: string | null; role: string | null }>(
        'select name, display_name, role from users where name = $1',
        [name],
      );
      if (!row) throw new NotFoundException(`No user named "${name}". Try "Bearer alice" or "Bearer bob".`);
      return { name: row.name, displayName: row.display_name ?? row.name, role: row.role ?? 'member' };
    });
  }
}
