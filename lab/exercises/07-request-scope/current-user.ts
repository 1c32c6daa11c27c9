import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { getCurrentInvoke } from '@codegenie/serverless-express';
import type { Request } from 'express';

/**
 * Who is calling, for any provider that needs to know.
 * A default (singleton) provider: Nest makes ONE instance per container, and every
 * invocation that container serves reads and writes the same fields.
 */
@Injectable()
export class CurrentUser {
  // TODO: this field lives in the one instance every request shares: the next caller (or one
  // that overlaps) reads the previous caller's name. Keep the user per request instead, with
  // AsyncLocalStorage (lab/app/event-to-request/current-invocation.ts runs each invocation in its own) or
  // with a REQUEST-scoped provider.
  name: string | undefined;

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
