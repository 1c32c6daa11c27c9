// Serves the built site (dist/): GET and HEAD only, a directory answers with its index.html,
// anything missing with dist/404.html and status 404, nothing outside dist/ ever: not through
// `..`, and not through a symlink (`ln -s .. dist/up` would otherwise serve .lab/pg/...).
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from './content-security.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Same-origin only, never sniffed, never framed, and the token in the URL never leaves as a referrer. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export function contentType(file: string): string {
  // Pagefind's index files (.pf_meta, .pf_fragment, .pf_index, .pagefind) are binary.
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names inside `root`, or undefined (missing, or outside root). */
export async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const inside = (path: string, base: string) => path === base || path.startsWith(base + sep);
  let file = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (!inside(file, root)) return undefined;
  try {
    const realRoot = await realpath(root);
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    // Where the links really lead, checked against where dist/ really is; that path is served.
    const real = await realpath(file);
    if (!inside(real, realRoot)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export function staticSite(distDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(distDir);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Method not allowed\n');
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = await resolveFile(root, pathname);
    const file = found ?? (await resolveFile(root, '/404.html'));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found (and the site has no 404 page: run `npm run build:site`)\n');
      return;
    }
    if (contentType(file).startsWith('text/html')) {
      // A page is small: read whole, so its policy can name its own inline scripts.
      const html = await readFile(file);
      res.writeHead(found ? 200 : 404, {
        'content-type': contentType(file),
        'content-length': String(html.length),
        'content-security-policy': contentSecurityPolicy(html.toString('utf8'), req.headers.host ?? '127.0.0.1'),
        ...SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    const { size } = await stat(file);
    res.writeHead(found ? 200 : 404, {
      'content-type': contentType(file),
      'content-length': String(size),
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
