import { Controller, Get } from '@nestjs/common';

// Module-level, so it is set once per container: a warm call sees the same value.
const containerStartedAt = new Date().toISOString();

@Controller('health')
export class HealthController {
  @Get()
  health() {
    return { status: 'ok', containerStartedAt, uptimeMs: Math.round(process.uptime() * 1000) };
  }
}
