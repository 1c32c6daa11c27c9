// Right, differently: one cached promise of the module, started by the first PDF request only.
import { Controller, Get, Param } from '@nestjs/common';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

let engine: Promise<typeof import('./pdf-engine.ts')> | undefined;

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string) {
    engine ??= import('./pdf-engine.ts');
    const { renderPdf } = await engine;
    return { id, ...renderPdf(id, LINES) };
  }
}
