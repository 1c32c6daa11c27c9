// The lab's pages carry a Content-Security-Policy, and every page of the site passes it: each
// built page, loaded in Chromium from the lab server, with no violation reported.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DIST, get, startTestLab, type TestLab } from '../server/helpers.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

let lab: TestLab;
let browser: Browser;

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  [lab, browser] = await Promise.all([
    startTestLab(),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.close();
});

function pages(dir = DIST): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith('.html') ? [`/${relative(DIST, path).replace(/index\.html$/, '')}`] : [];
  });
}

describe('Content-Security-Policy', () => {
  it('is sent with every page', async () => {
    const res = await get(lab.server.port, '/01-why-lambda/');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('no page of the site violates it', async () => {
    const urls = pages();
    expect(urls.length).toBeGreaterThan(20);
    const context = await browser.newContext();
    const violations: string[] = [];
    for (const path of urls) {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(`${path}: ${message.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await page.goto(`http://127.0.0.1:${lab.server.port}${path}?token=${lab.server.token}`, {
        waitUntil: 'load',
      });
      // The terminal connects and the search loads its index after load.
      await page.waitForTimeout(300);
      await page.close();
    }
    await context.close();
    expect(violations).toEqual([]);
  }, 120_000);
});
