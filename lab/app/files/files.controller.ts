import { Controller, Get, Header, HttpCode, Post, Req, StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { span } from '../common/trace.ts';

/** Binary in and out: the bodies that event mapping most often corrupts. */
@Controller('files')
export class FilesController {
  @Get('bytes.bin')
  @Header('Content-Type', 'application/octet-stream')
  bytes(): StreamableFile {
    return span('provider', () => new StreamableFile(Buffer.from(Array.from({ length: 256 }, (_, i) => i))));
  }

  @Get('pixel.png')
  @Header('Content-Type', 'image/png')
  pixel(): StreamableFile {
    return span('provider', () => new StreamableFile(PIXEL_PNG));
  }

  @Post()
  @HttpCode(200)
  upload(@Req() request: Request & { rawBody?: Buffer }) {
    return span('provider', () => {
      const body = request.rawBody ?? Buffer.alloc(0);
      return { length: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    });
  }
}

// A 1×1 transparent PNG: small, and full of bytes that are not valid UTF-8.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
