// Wrong: the engine leaves the init phase but loads in onModuleInit, which runs while Nest boots
// on the first call. Init Duration shrinks; the cold call that serves a summary is no faster.
import { Controller, Get, Param, type OnModuleInit } from '@nestjs/common';

type Engine = typeof import('./pdf-engine.ts');

const LINES = ['1 x Lambda cold start, measured', '1 x Nest bootstrap, cached', '3 x warm invocation'];

@Controller('invoices')
export class InvoicesController implements OnModuleInit {
  private engine: Engine | undefined;

  async onModuleInit() {
    this.engine = await import('./pdf-engine.ts');
  }

  @Get(':id')
  summary(@Param('id') id: string) {
    return { id, lines: LINES.length, currency: 'EUR' };
  }

  @Get(':id/pdf')
  pdf(@Param('id') id: string) {
    return { id, ...this.engine!.renderPdf(id, LINES) };
  }
}
