import { createHash } from 'node:crypto';
import type { LossRule } from './rule.ts';

export const binaryResponseCorrupted: LossRule = {
  name: 'binary-response-corrupted',
  summary: 'a binary response (application/octet-stream) is sent as UTF-8 text, not base64: bytes corrupted (#645)',
  check(o) {
    const { response, record } = o.bytes;
    if (!response) return `GET /files/bytes.bin: invocation ${record.status}`;
    const digest = /sha-256=:([^:]+):/.exec(response.headers['repr-digest']?.[0] ?? '')?.[1];
    const got = createHash('sha256').update(response.body).digest('base64');
    if (digest === got) return undefined;
    return `${response.body.length} bytes arrive (isBase64Encoded: ${Boolean((record.result as { isBase64Encoded?: boolean }).isBase64Encoded)}), sha256 ≠ Repr-Digest`;
  },
};
