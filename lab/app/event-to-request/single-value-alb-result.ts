import { detectSource } from './detect-source.ts';
import type { HttpEvent } from './http-event.ts';

interface MultiValueResult {
  statusCode: number;
  body: string;
  isBase64Encoded: boolean;
  multiValueHeaders?: Record<string, string[]>;
  headers?: Record<string, string>;
}

/**
 * An ALB target group with multi-value headers OFF reads only `headers`: one value per name. A
 * repeated header can be joined with ", " (HTTP says that means the same), but Set-Cookie cannot
 * (a cookie's Expires holds a comma). The known workaround: send each Set-Cookie under a name
 * spelled with different letter case (`set-cookie`, `Set-cookie`, `sEt-cookie`, ...): header
 * names are case-insensitive for the browser, distinct keys for the JSON object, and ALB passes
 * them through.
 */
export function singleValueAlbResult(event: HttpEvent, result: unknown): unknown {
  if (detectSource(event) !== 'alb' || event.multiValueHeaders || !isMultiValueResult(result)) return result;
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    if (name.toLowerCase() === 'set-cookie') values.forEach((value, i) => (headers[caseVariant(name, i)] = value));
    else headers[name] = values.join(', ');
  }
  const { multiValueHeaders: _multi, ...rest } = result;
  return { ...rest, headers };
}

function isMultiValueResult(result: unknown): result is MultiValueResult {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

/** The i-th spelling of a header name: bit k of i upper-cases the k-th letter. */
export function caseVariant(name: string, i: number): string {
  let bit = 0;
  return name
    .toLowerCase()
    .split('')
    .map((c) => (/[a-z]/.test(c) && (i >> bit++) & 1 ? c.toUpperCase() : c))
    .join('');
}
