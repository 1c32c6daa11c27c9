// The exercise's small Nest app. You don't need to edit this file.
import { Module } from '@nestjs/common';
import { InvoicesController } from './invoices.controller.ts';

@Module({ controllers: [InvoicesController] })
export class InvoicesModule {}
