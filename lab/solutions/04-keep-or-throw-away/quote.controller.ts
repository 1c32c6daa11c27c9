// The exercise's route. You don't need to edit this file.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QuoteService } from './quote.service.ts';

@Controller('quote')
export class QuoteController {
  constructor(@Inject(QuoteService) private readonly quotes: QuoteService) {}

  /** GET /quote?amount=100&currency=USD; without a currency, the answer is in euros. */
  @Get()
  quote(@Query('amount') amount = '1', @Query('currency') currency?: string) {
    return this.quotes.quote(Number(amount), currency);
  }
}
