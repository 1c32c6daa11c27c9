// Wrong: lazy, but on the wrong path: one loader every route awaits "to be ready", so the summary
// route, most of the traffic, loads the engine on its cold call.
import { Controller, Get, Param } from '@nestjs/common';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

const ready = () => import('./pdf-engine.ts');

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  async summary(@Param('id') id: string) {
    await ready();
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  async pdf(@Param('id') id: string) {
    const { renderPdf } = await ready();
    return { id, ...renderPdf(id, LINES) };
  }
}
