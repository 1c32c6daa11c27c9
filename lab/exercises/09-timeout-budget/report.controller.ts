import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ReportService } from './report.service.ts';

@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  /** A report whose query really takes `ms` on the database server. */
  @Get('slow')
  slow(@Query('ms', new DefaultValuePipe(1000), ParseIntPipe) ms: number) {
    return this.reports.slow(ms);
  }
}
