import { Module } from '@nestjs/common';
import { CookiesController } from './cookies.controller.ts';

@Module({ controllers: [CookiesController] })
export class CookiesModule {}
