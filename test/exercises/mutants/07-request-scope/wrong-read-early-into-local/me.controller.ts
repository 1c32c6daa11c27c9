// Wrong (with its current-user.ts): a singleton field read into a local at the handler's start.
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
    // Read once, before any await: "nothing can change it in between".
    const name = this.currentUser.name;
    const profile = name ? await this.profiles.find(name) : null;
    if (name) {
      // Awaited: nothing this invocation started may outlive it (after the response the
      // environment is frozen, and the rest would run inside the next caller's invocation).
      await this.audit.recordVisit(name, this.currentUser.awsRequestId);
    }
    return {
      user: name ?? null,
      displayName: profile?.displayName ?? null,
      awsRequestId: this.currentUser.awsRequestId,
      apiRequestId: this.currentUser.apiRequestId ?? null,
    };
  }
}
