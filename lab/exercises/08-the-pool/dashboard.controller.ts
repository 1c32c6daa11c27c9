import { Controller, Get } from '@nestjs/common';
import { logJson } from '../../variants/shared/log.ts';
import { DashboardService } from './dashboard.service.ts';

@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  async show() {
    try {
      return await this.dashboard.load();
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      logJson('error', 'dashboard failed', { code: code ?? null, error: message });
      throw error;
    }
  }
}
