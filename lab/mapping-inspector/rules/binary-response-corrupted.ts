import { createHash } from 'node:crypto';
import type { Observation } from '../observe.ts';
import type { LossRule } from './rule.ts';

/** The bytes probe as the client got it: whether they match, and whether the handler flagged them base64. */
export function bytesOutcome(o: Observation): { intact: boolean; flagged: boolean; length: number } | undefined {
  const { response, record } = o.bytes;
  if (!response) return undefined;
  const digest = /sha-256=:([^:]+):/.exec(response.headers['repr-digest']?.[0] ?? '')?.[1];
  const got = createHash('sha256').update(response.body).digest('base64');
  return {
    intact: digest === got,
    flagged: Boolean((record.result as { isBase64Encoded?: boolean }).isBase64Encoded),
    length: response.body.length,
  };
}

export const binaryResponseCorrupted: LossRule = {
  name: 'binary-response-corrupted',
  summary: 'a binary response (application/octet-stream) is sent as UTF-8 text, not base64: bytes corrupted (#645)',
  check(o) {
    const outcome = bytesOutcome(o);
    if (!outcome) return `GET /files/bytes.bin: invocation ${o.bytes.record.status}`;
    // Flagged base64 yet not decoded is the API's setting, not the handler's loss (the next rule).
    if (outcome.intact || (outcome.flagged && o.bytes.door.door === 'rest')) return undefined;
    return `${outcome.length} bytes arrive (isBase64Encoded: ${outcome.flagged}), sha256 ≠ Repr-Digest`;
  },
};
