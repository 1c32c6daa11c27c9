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
      // TODO: fire and forget. After the response the environment is frozen, and this work
      // finishes inside the NEXT caller's invocation. Nothing a request starts may outlive it.
      // Fire and forget: the caller should not wait for the audit trail.
      void this.audit.recordVisit(this.currentUser.name, this.currentUser.awsRequestId);
    }
    return {
      user: this.currentUser.name ?? null,
      displayName: profile?.displayName ?? null,
      awsRequestId: this.currentUser.awsRequestId,
      apiRequestId: this.currentUser.apiRequestId ?? null,
    };
  }
}
