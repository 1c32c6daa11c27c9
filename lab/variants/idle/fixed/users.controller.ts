import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { query } from './db.ts';

@Controller('users')
export class UsersController {
  @Get(':name')
  async find(@Param('name') name: string) {
    const [row] = await query<{ name: string; display_name: string | null }>(
      'select name, display_name from users where name = $1',
      [name],
    );
    if (!row) throw new NotFoundException(`No user named "${name}".`);
    return { name: row.name, displayName: row.display_name ?? row.name };
  }
}
