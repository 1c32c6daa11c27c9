import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DbModule } from '../../app/db/db.module.ts';
import { AuditService } from '../../variants/leak/audit.service.ts';
import { ProfileService } from '../../variants/leak/profile.service.ts';
import { SlowStepInterceptor } from '../../variants/leak/slow-step.interceptor.ts';
import { CurrentUser, IdentifyGuard } from './current-user.ts';
import { MeController } from './me.controller.ts';

@Module({
  imports: [DbModule],
  controllers: [MeController],
  providers: [
    CurrentUser,
    IdentifyGuard,
    ProfileService,
    AuditService,
    { provide: APP_INTERCEPTOR, useClass: SlowStepInterceptor },
  ],
})
export class MeModule {}
