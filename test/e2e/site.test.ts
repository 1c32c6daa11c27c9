// Browser tests of the built site (dist/): the boundary map, its keyboard use, the cold/warm
// toggle, the live `lab:trace` event, Starlight's search and a mermaid diagram. One Chromium
// (Debian's /usr/bin/chromium, never a downloaded one) for the whole file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodes } from '../../src/data/boundary-map.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { CHROMIUM_ARGS } from '../support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
/** Uncaught errors in any page: checked after every test. */
const pageErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return page;
}

const activeNodes = (page: Page) =>
  page.$$eval('[data-boundary-map] [data-node][data-active="true"]', (els) =>
    els.map((el) => el.getAttribute('data-node')),
  );

beforeAll(async () => {
  if (!existsSync(resolve(DIST, '02-boundary-map/index.html'))) {
    throw new Error(`The built site is missing (${DIST}). Build it first: \`npm run build:site\`.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's package: \`apt-get install -y chromium\`.`);
  }
  server = await serveStatic(DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('weberror', (error) => pageErrors.push(String(error.error())));
}, 30_000);

afterEach(() => {
  expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the boundary map on lesson 2', () => {
  it('renders every node as a visible box', async () => {
    const page = await open('/02-boundary-map/');
    const map = page.locator('[data-boundary-map]').first();
    await expect(map.locator('svg').boundingBox()).resolves.toMatchObject({ width: expect.any(Number) });
    for (const node of nodes) {
      const box = await map.locator(`[data-node="${node.id}"]`).boundingBox();
      expect(box?.width, node.id).toBeGreaterThan(50);
    }
    await page.close();
  });

  it('moves focus through its nodes with Tab and shows each description', async () => {
    const page = await open('/02-boundary-map/');
    const map = page.locator('[data-boundary-map]').first();
    await map.locator('[data-path-button="warm"]').focus();
    for (const node of nodes) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-node'));
      expect(focused).toBe(node.id);
      await expect(map.locator('[data-map-description]').textContent()).resolves.toContain(node.description);
    }
    await page.close();
  });

  it('switches the highlighted path with the cold/warm toggle', async () => {
    const page = await open('/02-boundary-map/');
    const map = page.locator('[data-boundary-map]').first();
    const cold = await activeNodes(page);
    expect(cold).toContain('cold');
    expect(cold).not.toContain('warm');

    await map.locator('[data-path-button="warm"]').click();
    const warm = await activeNodes(page);
    expect(warm).toContain('warm');
    expect(warm).not.toContain('cold');
    await expect(map.locator('[data-path-button="warm"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(map.locator('[data-edge="handler-warm"]').getAttribute('data-active')).resolves.toBe('true');
    await expect(map.locator('[data-edge="handler-cold"]').getAttribute('data-active')).resolves.toBeNull();

    await map.locator('[data-path-button="cold"]').click();
    expect(await activeNodes(page)).toEqual(cold);
    await page.close();
  });

  it('lights the path and writes the measured durations of a lab:trace event', async () => {
    const page = await open('/02-boundary-map/');
    const map = page.locator('[data-boundary-map]').first();
    const dispatch = (detail: unknown) =>
      page.evaluate((d) => window.dispatchEvent(new CustomEvent('lab:trace', { detail: d })), detail);

    await map.locator('[data-path-button="warm"]').click();
    await dispatch({
      coldStart: true,
      spans: [
        { name: 'init', startMs: 0, durationMs: 180.4 },
        { name: 'init:bundle-load', startMs: 0, durationMs: 60.2 },
        { name: 'init:nest-bootstrap', startMs: 60.2, durationMs: 120.2 },
        { name: 'adapter:request', startMs: 181, durationMs: 0.4 },
        { name: 'guard', startMs: 181.5, durationMs: 0.1 },
        { name: 'pipe', startMs: 181.6, durationMs: 0.2 },
        { name: 'controller', startMs: 182, durationMs: 3.5 },
        { name: 'db', startMs: 182.5, durationMs: 2.25 },
      ],
    });
    expect(await activeNodes(page)).toContain('cold');
    expect(await activeNodes(page)).not.toContain('warm');
    await expect(map.locator('[data-node="cold"] [data-duration]').textContent()).resolves.toBe('180 ms');
    await expect(map.locator('[data-node="scope"] [data-duration]').textContent()).resolves.toBe('0.30 ms');
    await expect(map.locator('[data-node="db"] [data-duration]').textContent()).resolves.toBe('2.25 ms');

    await dispatch({ coldStart: false, spans: [{ name: 'controller', startMs: 0, durationMs: 1.5 }] });
    expect(await activeNodes(page)).toContain('warm');
    expect(await activeNodes(page)).not.toContain('cold');
    await expect(map.locator('[data-node="cold"] [data-duration]').textContent()).resolves.toBe('');
    await expect(map.locator('[data-node="controller"] [data-duration]').textContent()).resolves.toBe('1.50 ms');
    await page.close();
  });
});

describe('search and diagrams', () => {
  it('finds "NestFactory" with Starlight’s search', async () => {
    const page = await open('/01-why-lambda/');
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('NestFactory');
    const results = page.locator('.pagefind-ui__result-link');
    await results.first().waitFor({ timeout: 10_000 });
    expect(await results.count()).toBeGreaterThan(0);
    await page.close();
  });

  it('renders a mermaid diagram as SVG, with the dagre layout and no ELK chunk', async () => {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${server.url}/03-lifecycle/`);
    const figure = page.locator('[data-mermaid]').first();
    await figure.scrollIntoViewIfNeeded();
    await page.locator('[data-mermaid][data-rendered="true"] svg').first().waitFor({ timeout: 15_000 });
    expect(await figure.locator('[data-mermaid-output] svg').count()).toBe(1);
    expect(scripts.some((url) => /\/elk[-.]/i.test(url))).toBe(false);
    await page.close();
  });

  it('re-draws a mermaid diagram when the reader switches light/dark', async () => {
    const page = await open('/03-lifecycle/');
    await page.locator('starlight-theme-select select').first().selectOption('light');
    const svg = page.locator('[data-mermaid][data-rendered="true"] [data-mermaid-output] svg').first();
    await page.locator('[data-mermaid]').first().scrollIntoViewIfNeeded();
    await svg.waitFor({ timeout: 15_000 });
    const light = await svg.evaluate((el) => el.outerHTML);
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    await page.waitForFunction(
      (before) => {
        const now = document.querySelector('[data-mermaid] [data-mermaid-output] svg');
        return now !== null && now.outerHTML !== before;
      },
      light,
      { timeout: 15_000 },
    );
    await page.locator('starlight-theme-select select').first().selectOption('auto');
    await page.close();
  });

  it('does not load mermaid on a lesson without a diagram', async () => {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${server.url}/01-why-lambda/`, { waitUntil: 'networkidle' });
    expect(scripts.filter((url) => /mermaid/i.test(url))).toEqual([]);
    await page.close();
  });
});
