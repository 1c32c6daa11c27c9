import type { LossRule } from './rule.ts';

export const setCookieDropped: LossRule = {
  name: 'set-cookie-dropped',
  summary: 'the route sets two Set-Cookie headers; the client gets fewer',
  check(o) {
    const { response, record } = o.cookies;
    if (!response) return `GET /cookies: invocation ${record.status}`;
    const sent = routeSaid(response.body)?.setCookie ?? [];
    const got = response.headers['set-cookie'] ?? [];
    const lost = sent.filter((cookie) => !got.includes(cookie));
    return lost.length ? `sent ${sent.length}, the client gets ${got.length}: lost "${lost.join('", "')}"` : undefined;
  },
};

export function routeSaid(body: Buffer): { setCookie: string[]; repeated: Record<string, string[]> } | undefined {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
