// Wrong: the audit is awaited only up to a short timer; the rest of it outlives the invocation.
import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuditService } from '../../variants/leak/audit.service.ts';
import { ProfileService } from '../../variants/leak/profile.service.ts';
import { CurrentUser, IdentifyGuard } from './current-user.ts';

@Controller('me')
@UseGuards(IdentifyGuard)
export class MeController {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly profiles: ProfileService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async me() {
    const profile = this.currentUser.name ? await this.profiles.find(this.currentUser.name) : null;
    if (this.currentUser.name) {
      // Awaited: nothing this invocation started may outlive it (after the response the
      // environment is frozen, and the rest would run inside the next caller's invocation).
      // Waits for the audit, but never more than 100 ms: "the caller should not wait long".
      await Promise.race([
        this.audit.recordVisit(this.currentUser.name, this.currentUser.awsRequestId),
        new Promise((resolve) => setTimeout(resolve, 100)),
      ]);
    }
    return {
      user: this.currentUser.name ?? null,
      displayName: profile?.displayName ?? null,
      awsRequestId: this.currentUser.awsRequestId,
      apiRequestId: this.currentUser.apiRequestId ?? null,
    };
  }
}
