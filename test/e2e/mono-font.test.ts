// The monospace face at 1× pixel density: `pg_stat_activity` must show its underscores in the
// page terminal and in the lessons' code blocks (the fallback DejaVu Sans Mono, in the terminal's
// tight rows, clipped them: "pg stat activity"). Each check draws the text twice, once with its
// underscores and once with spaces in their place (same width in a monospace face), screenshots
// both in place and counts the pixels that differ: the underscores' ink, inside the text's own box.
// The terminal runs on the built site against a stand-in lab socket that only echoes output, so
// no lab is needed. The face must be the bundled one, loaded from the site itself.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from './static-server.ts';
import { openBuiltSite } from './built-site.ts';

/**
 * Ink two whole underscores leave: each at least one row of pixels nearly a cell wide. The old
 * fallback (DejaVu Sans Mono in rows of 1.0) left 10 pixels here for 14 px cells 8.4 px wide, half
 * of each bar cut off by its row: that is the "pg stat activity" the issue saw.
 */
const underscoresInk = (cellWidth: number) => Math.floor(2 * 0.9 * cellWidth);

/** The advance of `_` in the face an element is drawn with (a monospace cell). */
const cellWidthOf = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return context.measureText('_').width;
  });

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await openBuiltSite('08-db-pool/index.html'));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return { page, requests };
}

/** Pixels that differ between two screenshots of the same box, decoded by the browser itself. */
function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const pixels = async (base64: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [x, y] = [await pixels(first), await pixels(second)];
      if (x.width !== y.width || x.height !== y.height) return -1;
      let count = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d =
          Math.abs(x.data[i]! - y.data[i]!) +
          Math.abs(x.data[i + 1]! - y.data[i + 1]!) +
          Math.abs(x.data[i + 2]! - y.data[i + 2]!);
        if (d > 96) count += 1;
      }
      return count;
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

const sameOrigin = (requests: string[]) =>
  requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'));

describe('the bundled monospace face at 1×', () => {
  it('draws the underscores of pg_stat_activity in the page terminal', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    // A stand-in for the lab's socket: the page's protocol, answering 'open' with 'ready'.
    await context.addInitScript(() => {
      class StandIn extends EventTarget {
        static readonly OPEN = 1;
        readyState = 0;
        constructor() {
          super();
          setTimeout(() => {
            this.readyState = 1;
            this.dispatchEvent(new Event('open'));
          });
          (window as unknown as { labSays: (m: object) => void }).labSays = (m) =>
            this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(m) }));
        }
        send(text: string) {
          if ((JSON.parse(text) as { type: string }).type === 'open')
            (window as unknown as { labSays: (m: object) => void }).labSays({ type: 'ready' });
        }
        close() {}
      }
      Object.defineProperty(window, 'WebSocket', { value: StandIn });
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/01-why-lambda/?token=stand-in`, { waitUntil: 'load' });
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await page.locator('[data-lab-terminal] .xterm-rows').waitFor({ timeout: 30_000 });
    await page.evaluate(() =>
      (window as unknown as { labSays: (m: object) => void }).labSays({
        type: 'output',
        data: 'pg_stat_activity\r\npg stat activity\r\n',
      }),
    );
    const rows = page.locator('[data-lab-terminal] .xterm-rows > div');
    await page.waitForFunction(() =>
      document.querySelector('[data-lab-terminal] .xterm-rows > div:nth-child(2)')?.textContent?.includes('pg stat'),
    );
    expect(await rows.nth(0).textContent()).toContain('pg_stat_activity');
    const family = await rows.nth(0).evaluate((row) => getComputedStyle(row).fontFamily);
    expect(family).toMatch(/^"?JetBrains Mono Variable"?,/);
    expect(await page.evaluate(() => document.fonts.check("14px 'JetBrains Mono Variable'"))).toBe(true);

    const [withUnderscores, withSpaces] = [await rows.nth(0).screenshot(), await rows.nth(1).screenshot()];
    const cell = await cellWidthOf(page, '[data-lab-terminal] .xterm-rows > div');
    expect(cell).toBeGreaterThan(5);
    expect(await differingPixels(page, withUnderscores, withSpaces)).toBeGreaterThanOrEqual(underscoresInk(cell));
    expect(requests.some((url) => /jetbrains-mono-latin-wght-normal.*\.woff2$/.test(url))).toBe(true);
    expect(sameOrigin(requests)).toEqual([]);
    await context.close();
  });

  it('draws them in a lesson’s code block, and inline code uses the same face', async () => {
    const { page, requests } = await open('/08-db-pool/');
    // A shown block: the first one may sit in a prediction, folded until the learner chooses.
    const line = page.locator('.expressive-code .ec-line:visible', { hasText: 'pg_stat_activity' }).first();
    await line.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.fonts.ready);
    expect(await line.evaluate((el) => getComputedStyle(el.querySelector('.code') ?? el).fontFamily)).toMatch(
      /^"?JetBrains Mono Variable"?/,
    );
    const before = await line.screenshot();
    await line.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        node.nodeValue = (node.nodeValue ?? '').replaceAll('pg_stat_activity', 'pg stat activity');
    });
    const after = await line.screenshot();
    const cell = await cellWidthOf(page, '.expressive-code .ec-line .code');
    expect(await differingPixels(page, before, after)).toBeGreaterThanOrEqual(underscoresInk(cell));
    expect(
      await page
        .locator('.sl-markdown-content p code')
        .first()
        .evaluate((el) => getComputedStyle(el).fontFamily),
    ).toMatch(/^"?JetBrains Mono Variable"?/);
    expect(sameOrigin(requests)).toEqual([]);
    await page.context().close();
  });
});
