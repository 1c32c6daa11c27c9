// The Content-Security-Policy of a page the lab serves: only the lab's own scripts run, and the
// page may talk to nothing but the lab. Astro and Starlight inline a few small scripts (the theme
// picker, Expressive Code's copy button): each page allows exactly its own, by hash.
import { createHash } from 'node:crypto';

// Inline scripts only: one with a src is covered by 'self'.
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (body) hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * `host` is the request's Host, already checked to be the lab itself. Styles stay
 * 'unsafe-inline': Starlight sets style attributes on its icons, and a style cannot run code.
 * 'wasm-unsafe-eval': the search (Pagefind) compiles WebAssembly.
 */
export function contentSecurityPolicy(html: string, host: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(' ')}`.trimEnd(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
