import { Module } from '@nestjs/common';
import { ReportController } from './report.controller.ts';
import { ReportService } from './report.service.ts';

@Module({ controllers: [ReportController], providers: [ReportService] })
export class ReportModule {}
