// axe (@axe-core/playwright, with playwright-core and Debian's Chromium) on every page of the
// built site, English and Korean, light and dark: no violation. Mermaid diagrams are drawn first
// (they render near the viewport), so their edge labels are checked in the theme they are drawn in.
// The dark theme changes colours only (Starlight's theme is CSS custom properties; the diagrams are
// redrawn with the same structure), so in dark mode axe runs the rules that read colours; every
// other rule ran on the same page in light mode. That halves the file's time in CI.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from './static-server.ts';
import { openBuiltSite } from './built-site.ts';

const ROOT = resolve(import.meta.dirname, '../../content/docs');
const slugs = [
  '',
  ...readdirSync(ROOT)
    .filter((name) => /^\d\d-.+\.mdx?$/.test(name))
    .sort()
    .map((name) => `${name.replace(/\.mdx?$/, '')}/`),
];
const pages = ['', 'ko/'].flatMap((locale) => slugs.map((slug) => `/${locale}${slug}`));

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await openBuiltSite('ko/01-why-lambda/index.html'));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Found {
  rule: string;
  impact: string | null | undefined;
  targets: string[];
}

/** The axe rules whose verdict depends on colours (axe-core's rule list, tags `wcag2aa`/`wcag2a`). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function violations(context: BrowserContext, path: string, theme: 'light' | 'dark'): Promise<Found[]> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  // Walk down the page so every lazy part (mermaid, the terminal box) draws, then wait for mermaid.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('[data-mermaid]')].every((f) => f.dataset.rendered === 'true'),
    null,
    { timeout: 30_000 },
  );
  const axe = new AxeBuilder({ page });
  const result = await (theme === 'dark' ? axe.withRules(COLOUR_RULES) : axe).analyze();
  await page.close();
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

for (const theme of ['light', 'dark'] as const) {
  describe(`axe, ${theme} mode`, () => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // Starlight's theme switch keeps the reader's choice here.
      await context.addInitScript((chosen) => localStorage.setItem('starlight-theme', chosen), theme);
    });

    afterAll(async () => {
      await context?.close();
    });

    it.each(pages)(
      `%s has no violation (${theme})`,
      async (path) => {
        expect(await violations(context, path, theme)).toEqual([]);
      },
      120_000,
    );
  });
}
