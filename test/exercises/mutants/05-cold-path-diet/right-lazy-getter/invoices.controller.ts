// Right, differently: a private method that loads and renders, returning a promise (no async).
import { Controller, Get, Param } from '@nestjs/common';

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

@Controller('invoices')
export class InvoicesController {
  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  pdf(@Param('id') id: string) {
    return this.render(id).then((rendered) => ({ id, ...rendered }));
  }

  private render(id: string) {
    return import('./pdf-engine.ts').then(({ renderPdf }) => renderPdf(id, LINES));
  }
}
