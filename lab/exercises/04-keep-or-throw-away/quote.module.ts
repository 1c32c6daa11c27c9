// The exercise's small Nest app. You don't need to edit this file.
import { Module } from '@nestjs/common';
import { QuoteController } from './quote.controller.ts';
import { QuoteService } from './quote.service.ts';

@Module({ controllers: [QuoteController], providers: [QuoteService] })
export class QuoteModule {}
