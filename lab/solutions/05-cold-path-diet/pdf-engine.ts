// A stand-in for a heavy dependency (a PDF renderer, an SDK with big lookup tables). You don't
// need to edit this file: what matters is *when* it loads.

/**
 * Built by the module's top-level code, so whoever imports this module pays for it right away:
 * about a million glyph metrics, several hundred milliseconds of real CPU work.
 */
const GLYPH_COUNT = 1 << 20;
const glyphWidths = new Float64Array(GLYPH_COUNT);
let seed = 7;
for (let i = 0; i < GLYPH_COUNT; i++) {
  let width = 0;
  for (let k = 1; k <= 20; k++) {
    seed = (seed * 48271) % 2147483647;
    width += Math.sqrt(seed / k) * Math.log1p(k + i);
  }
  glyphWidths[i] = width;
}

export interface RenderedPdf {
  pages: number;
  bytes: number;
  checksum: string;
}

/** Lays the invoice's text out with the glyph table: the same invoice always renders the same. */
export function renderPdf(invoiceId: string, lines: string[]): RenderedPdf {
  let checksum = 0;
  let bytes = 0;
  for (const line of [`Invoice ${invoiceId}`, ...lines]) {
    for (let i = 0; i < line.length; i++) {
      const width = glyphWidths[(line.charCodeAt(i) * 7919 + i) % GLYPH_COUNT]!;
      checksum = (checksum * 31 + Math.floor(width)) % 1_000_000_007;
      bytes += 12;
    }
  }
  return { pages: Math.max(1, Math.ceil(lines.length / 40)), bytes, checksum: checksum.toString(16) };
}
