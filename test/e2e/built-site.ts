import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const DIST = resolve(import.meta.dirname, '../../dist');

/**
 * The built site (dist/) served on loopback and Debian's Chromium to read it: the start of a
 * browser test over the static pages. `page` is one the test reads, so a missing or older build
 * says so instead of failing on a 404.
 */
export async function openBuiltSite(page: string): Promise<{ server: StaticServer; browser: Browser }> {
  if (!existsSync(resolve(DIST, page))) throw new Error('The built site is missing: `npx astro build`.');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`.`);
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return { server, browser };
}
