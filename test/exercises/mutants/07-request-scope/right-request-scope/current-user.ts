// Right, differently: REQUEST scope, a new CurrentUser (and guard, controller) per request.
import { CanActivate, ExecutionContext, Injectable, Scope } from '@nestjs/common';
import type { Request } from 'express';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';

/**
 * Who is calling, for any provider that needs to know.
 * Still a singleton, but it keeps nothing itself: every field lives on the current invocation
 * (AsyncLocalStorage, app/event-to-request/current-invocation.ts), which each request gets fresh and nobody else sees.
 */
@Injectable({ scope: Scope.REQUEST })
export class CurrentUser {
  name: string | undefined;

  get awsRequestId(): string {
    return currentInvocation().context.awsRequestId;
  }

  get apiRequestId(): string | undefined {
    return currentInvocation().event.requestContext?.requestId;
  }
}

/** `Authorization: Bearer <name>` identifies the caller; without it the call is anonymous. */
@Injectable()
export class IdentifyGuard implements CanActivate {
  constructor(private readonly currentUser: CurrentUser) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer\s+([A-Za-z0-9_-]{1,64})$/.exec(request.headers.authorization ?? '');
    if (match) this.currentUser.name = match[1];
    return true;
  }
}
