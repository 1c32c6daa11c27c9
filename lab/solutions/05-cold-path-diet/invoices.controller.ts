import { Controller, Get, Param } from '@nestjs/common';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string) {
    // Loaded on the first PDF request, not on the cold start: that request pays for the glyph
    // table once, and the module stays cached for the rest of the environment's life.
    const { renderPdf } = await import('./pdf-engine.ts');
    return { id, ...renderPdf(id, LINES) };
  }
}
