import { Module } from '@nestjs/common';
import { FilesController } from './files.controller.ts';

@Module({ controllers: [FilesController] })
export class FilesModule {}
