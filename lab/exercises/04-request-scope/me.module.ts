import { Module } from '@nestjs/common';
import { DbModule } from '../../app/db/db.module.ts';
import { AuditService } from '../../variants/leak/audit.service.ts';
import { ProfileService } from '../../variants/leak/profile.service.ts';
import { CurrentUser, IdentifyGuard } from './current-user.ts';
import { MeController } from './me.controller.ts';

@Module({
  imports: [DbModule],
  controllers: [MeController],
  providers: [CurrentUser, IdentifyGuard, ProfileService, AuditService],
})
export class MeModule {}
