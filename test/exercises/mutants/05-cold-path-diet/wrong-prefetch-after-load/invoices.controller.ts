// Wrong: the import starts when the module loads but is not awaited, so the glyph table is built
// just after the init phase ends, on the event loop the first call needs.
import { Controller, Get, Param } from '@nestjs/common';

const engine = new Promise<typeof import('./pdf-engine.ts')>((resolve) =>
  setTimeout(() => resolve(import('./pdf-engine.ts')), 0),
);

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string) {
    const { renderPdf } = await engine;
    return { id, ...renderPdf(id, LINES) };
  }
}
