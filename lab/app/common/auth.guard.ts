import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { span } from './trace.ts';

export interface AuthenticatedRequest extends Request {
  user?: { name: string };
}

/**
 * `Authorization: Bearer <name>` — a stand-in for a JWT check, enough to give each request an
 * identity. The identity lives on the request object, which dies with the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return span('guard', () => {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      const match = /^Bearer\s+([A-Za-z0-9_-]{1,64})$/.exec(request.headers.authorization ?? '');
      if (!match) {
        throw new UnauthorizedException('Send "Authorization: Bearer <name>", for example "Bearer alice".');
      }
      request.user = { name: match[1] };
      return true;
    });
  }
}
