import { bytesOutcome } from './binary-response-corrupted.ts';
import type { LossRule } from './rule.ts';

/**
 * A REST API hands a base64-flagged body to its client as the base64 TEXT unless the request's
 * first Accept type matches the API's binaryMediaTypes (api-gateway-payload-encodings-workflow.html).
 * The handler did its part; no handler code can fix this: the API needs binaryMediaTypes.
 */
export const binaryNeedsBinaryMediaTypes: LossRule = {
  name: 'needs-binaryMediaTypes',
  summary:
    'needs binaryMediaTypes on the API: a REST API sends the base64 text unless the first Accept type matches them (no handler can fix it)',
  check(o) {
    const outcome = bytesOutcome(o);
    if (!outcome || outcome.intact || !outcome.flagged || o.bytes.door.door !== 'rest') return undefined;
    const types = o.bytes.door.binaryMediaTypes ?? [];
    return `isBase64Encoded: true, but the client reads ${outcome.length} bytes of base64 text (binaryMediaTypes ${types.length ? types.join(', ') : 'none'})`;
  },
};
