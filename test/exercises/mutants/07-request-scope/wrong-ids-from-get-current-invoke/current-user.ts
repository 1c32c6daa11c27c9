// Wrong: the name is per invocation, the ids still come from getCurrentInvoke(): the latest
// invoke the environment received, which under overlap is another caller's.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { getCurrentInvoke } from '@codegenie/serverless-express';
import type { Request } from 'express';
import { currentInvocation } from '../../app/event-to-request/current-invocation.ts';

/**
 * Who is calling, for any provider that needs to know.
 * Still a singleton, but it keeps nothing itself: every field lives on the current invocation
 * (AsyncLocalStorage, app/event-to-request/current-invocation.ts), which each request gets fresh and nobody else sees.
 */
@Injectable()
export class CurrentUser {
  get name(): string | undefined {
    return currentInvocation().user;
  }

  set name(name: string | undefined) {
    currentInvocation().user = name;
  }

  get awsRequestId(): string {
    return (getCurrentInvoke() as { context: { awsRequestId: string } }).context.awsRequestId;
  }

  get apiRequestId(): string | undefined {
    return (getCurrentInvoke() as { event: { requestContext?: { requestId?: string } } }).event.requestContext
      ?.requestId;
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
