// Who may talk to the lab server. It binds 127.0.0.1 only, and on top of that:
// - every HTTP request names the server itself in Host (a DNS-rebinding page cannot),
// - every WebSocket upgrade comes from one of the server's own pages (Origin, never missing)
//   and carries the per-launch token printed by `npm start`.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LAB_WS_PATH, TOKEN_PARAM, type TokenStatus } from './protocol.ts';

/** `reason` is fixed text: it is logged in the `npm start` terminal, and any web page can cause a refusal. */
export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

/** A fresh per-launch token: 24 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function checkHost(req: IncomingMessage, port: number): Verdict {
  const host = req.headers.host;
  if (!host) return { ok: false, status: 400, reason: 'no Host header' };
  // Node keeps the first of several Host headers; a proxy in front may have read another one.
  if (hostHeaderCount(req) > 1) return { ok: false, status: 400, reason: 'more than one Host header (RFC 9112)' };
  if (!allowedHosts(port).includes(host.toLowerCase())) {
    return { ok: false, status: 421, reason: `Host is not ${allowedHosts(port).join(' or ')}` };
  }
  return { ok: true };
}

/** Host, path, Origin and token of a WebSocket upgrade, in that order. */
export function checkUpgrade(req: IncomingMessage, port: number, token: string): Verdict {
  const host = checkHost(req, port);
  if (!host.ok) return host;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== LAB_WS_PATH)
    return { ok: false, status: 404, reason: `no WebSocket endpoint at that path (it is ${LAB_WS_PATH})` };
  const origin = req.headers.origin;
  if (!origin) return { ok: false, status: 403, reason: 'no Origin header (only the lab’s own pages may connect)' };
  if (!allowedOrigins(port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'Origin is not one of the lab’s pages' };
  }
  const given = url.searchParams.get(TOKEN_PARAM);
  if (!given) return { ok: false, status: 401, reason: 'no token (open the URL `npm start` printed)' };
  if (!sameSecret(given, token))
    return { ok: false, status: 401, reason: 'wrong token (from another launch of the lab?)' };
  return { ok: true };
}

/**
 * What a page may learn about the token it holds, by a plain GET of LAB_WS_PATH (a failed
 * WebSocket upgrade shows the page no status): is it this launch's, another's, or none at all.
 * Whoever can guess the token learns nothing new; whoever cannot learns only "old".
 */
export function tokenStatus(req: IncomingMessage, token: string): TokenStatus {
  const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get(TOKEN_PARAM);
  return !given ? 'missing' : sameSecret(given, token) ? 'current' : 'old';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostHeaderCount(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  return count;
}
