import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TracedValidationPipe } from './common/traced-validation.pipe.ts';
import { TracingInterceptor } from './common/tracing.interceptor.ts';
import { CookiesModule } from './cookies/cookies.module.ts';
import { DbModule } from './db/db.module.ts';
import { EchoModule } from './echo/echo.module.ts';
import { FilesModule } from './files/files.module.ts';
import { HealthModule } from './health/health.module.ts';
import { OrdersModule } from './orders/orders.module.ts';
import { ReportsModule } from './reports/reports.module.ts';
import { UsersModule } from './users/users.module.ts';

@Module({
  imports: [DbModule, EchoModule, FilesModule, UsersModule, OrdersModule, ReportsModule, HealthModule, CookiesModule],
  providers: [
    {
      provide: APP_PIPE,
      useValue: new TracedValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    },
    { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
  ],
})
export class AppModule {}
