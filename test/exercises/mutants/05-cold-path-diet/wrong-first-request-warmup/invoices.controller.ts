// Wrong: the first request of any kind warms the engine up "for later" before it answers.
import { Controller, Get, Param } from '@nestjs/common';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

let engine: typeof import('./pdf-engine.ts') | undefined;

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  async summary(@Param('id') id: string) {
    engine ??= await import('./pdf-engine.ts');
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string) {
    engine ??= await import('./pdf-engine.ts');
    return { id, ...engine.renderPdf(id, LINES) };
  }
}
