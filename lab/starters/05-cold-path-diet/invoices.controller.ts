import { Controller, Get, Param } from '@nestjs/common';
// TODO: this import loads pdf-engine.ts, and runs its top-level code, while the handler module
// loads: every cold start pays for it, even one that only serves GET /invoices/:id. Load the
// engine only when a PDF is asked for (a dynamic `await import()` inside that route).
import { renderPdf } from './pdf-engine.ts';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  pdf(@Param('id') id: string) {
    return { id, ...renderPdf(id, LINES) };
  }
}
