import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ReportsService } from './reports.service.ts';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('slow')
  slow(@Query('ms', new DefaultValuePipe(1000), ParseIntPipe) ms: number) {
    return this.reports.slow(Math.min(Math.max(ms, 0), 60_000));
  }
}
