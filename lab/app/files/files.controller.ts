import { Controller, Get, Header, HttpCode, Post, Req, StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { span } from '../common/trace.ts';

function reprDigest(bytes: Buffer): string {
  return `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;
}

// The 256 byte values 0..255: every one of them, most not valid UTF-8 on their own.
const BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

// A 1×1 transparent PNG: small, and full of bytes that are not valid UTF-8.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Binary in and out: the bodies that event mapping most often corrupts. */
@Controller('files')
export class FilesController {
  // Repr-Digest (RFC 9530) says what the bytes were, so a client (and `lab map`) can tell a
  // corrupted body from the real one without knowing the route.
  @Get('bytes.bin')
  @Header('Content-Type', 'application/octet-stream')
  @Header('Repr-Digest', reprDigest(BYTES))
  bytes(): StreamableFile {
    return span('provider', () => new StreamableFile(BYTES));
  }

  @Get('pixel.png')
  @Header('Content-Type', 'image/png')
  @Header('Repr-Digest', reprDigest(PIXEL_PNG))
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
