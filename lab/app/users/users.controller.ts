import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { AuthGuard, type AuthenticatedRequest } from '../common/auth.guard.ts';
import { UsersService } from './users.service.ts';

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@Req() request: AuthenticatedRequest) {
    // The guard put the identity on this request; nothing about it outlives the request.
    return this.users.profile(request.user!.name);
  }
}
