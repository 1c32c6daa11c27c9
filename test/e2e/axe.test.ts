// axe (@axe-core/playwright, with playwright-core and Debian's Chromium) on every page of the
// built site, English and Korean, light and dark: no violation. Mermaid diagrams are drawn first
// (they render near the viewport), so their edge labels are checked in the theme they are drawn in.
// The dark theme changes colours only (Starlight's theme is CSS custom properties; the diagrams are
// redrawn with the same structure), so in dark mode axe runs the rules that read colours; every
// other rule ran on the same page in light mode, just before the switch: one load per page.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** Every Mermaid figure of the page drawn (in the theme the page now has). */
async function diagramsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('[data-mermaid]')].every((f) => f.dataset.rendered === 'true'),
    null,
    { timeout: 30_000 },
  );
}

function found(result: Awaited<ReturnType<AxeBuilder['analyze']>>): Found[] {
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * One load of the page: every rule in light mode, then the reader's switch to dark (Starlight's
 * `data-theme` on <html>, which the diagrams redraw on) and the colour rules again.
 */
async function violations(context: BrowserContext, path: string): Promise<{ light: Found[]; dark: Found[] }> {
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // Walk down the page so every lazy part (mermaid, the terminal box) draws, then wait for mermaid.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((ok) => setTimeout(ok, 50));
      }
      window.scrollTo(0, 0);
    });
    await diagramsDrawn(page);
    const light = found(await new AxeBuilder({ page }).analyze());
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();
    await page.evaluate(() => {
      localStorage.setItem('starlight-theme', 'dark');
      document.documentElement.dataset.theme = 'dark';
    });
    // The switch took: the page is drawn in the dark theme's colours now.
    expect(await background()).not.toBe(lightBackground);
    await diagramsDrawn(page);
    const dark = found(await new AxeBuilder({ page }).withRules(COLOUR_RULES).analyze());
    return { light, dark };
  } finally {
    await page.close();
  }
}

describe('axe, light then dark mode', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Starlight's theme switch keeps the reader's choice here.
    await context.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
  });

  afterAll(async () => {
    await context?.close();
  });

  it.each(pages)(
    '%s has no violation (light, and dark)',
    async (path) => {
      const { light, dark } = await violations(context, path);
      expect(light, 'light').toEqual([]);
      expect(dark, 'dark').toEqual([]);
    },
    120_000,
  );
});
