// What the page draws from the lab's trace stream, in Chromium on the built site (dist/): the map's
// live status and failure marks, the timeline's groups, failures, suppressed init and nested spans,
// and the layout defects of issue 12 (figures on the sub-label, cut labels, commands broken inside
// a flag, a phone's hidden right column). The traces are real ones (fixtures/real-traces.json,
// captured from a running lab), sent as the page's lab connection sends them: `lab:trace` events.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabTrace } from '../../lab/server/protocol.ts';
import type { StaticServer } from './static-server.ts';
import { openBuiltSite } from './built-site.ts';

const traces = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'fixtures/real-traces.json'), 'utf8'),
) as LabTrace[];
const ofCommand = (line: string) => traces.filter((t) => t.command?.line === line);

let server: StaticServer;
let browser: Browser;
const pageErrors: string[] = [];

async function open(path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return page;
}

/** Sends traces as the lab connection does, one `lab:trace` event each, and waits for a frame. */
async function send(page: Page, batch: LabTrace[]): Promise<void> {
  await page.evaluate((list) => {
    for (const detail of list) window.dispatchEvent(new CustomEvent('lab:trace', { detail }));
  }, batch);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

const status = (page: Page) => page.textContent('[data-boundary-map] [data-trace-status]');

beforeAll(async () => {
  ({ server, browser } = await openBuiltSite('08-db-pool/index.html'));
}, 30_000);

afterEach(() => {
  expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the map names what happened', () => {
  it('says a cold start with its measured init, then a warm call, with the figures on their own line', async () => {
    const page = await open('/08-db-pool/');
    const [cold, warm] = ofCommand('invoke apigw-v2-post');
    await send(page, [cold!]);
    expect(await status(page)).toBe('Live: cold start, 3477 ms init; answered in 1455 ms');
    await send(page, [warm!]);
    expect(await status(page)).toBe('Live: warm invocation; answered in 31.2 ms');
    expect(await page.getAttribute('[data-boundary-map]', 'data-outcome')).toBe('ok');
    // The controller's own time, then its time with the provider and db inside it.
    const controller = await page.textContent('[data-boundary-map] [data-node="controller"] .bm-ms');
    expect(controller).toMatch(/^[\d.]+ ms · [\d.]+ ms in all$/);
    // Figures never overlap the sub-label ("DTO validation") nor leave their box.
    const boxes = await page.$$eval('[data-boundary-map] [data-node]', (nodes) =>
      nodes.map((node) => {
        const r = (sel: string) => node.querySelector(sel)!.getBoundingClientRect();
        const [box, sub, ms] = [r('rect'), r('.bm-sub'), r('.bm-ms')];
        return { id: node.getAttribute('data-node'), box, sub, ms };
      }),
    );
    for (const { id, box, sub, ms } of boxes) {
      if (ms.width === 0) continue;
      expect(ms.top, `${id}: figures below the sub-label`).toBeGreaterThanOrEqual(sub.bottom - 1);
      expect(ms.right, `${id}: figures inside the box`).toBeLessThanOrEqual(box.right + 0.5);
    }
    await page.context().close();
  });

  it('marks a timeout, a suppressed init, an error, out of memory and a throttle where they happened', async () => {
    const page = await open('/08-db-pool/');
    const [timeout, suppressed] = ofCommand('invoke reports-slow --timeout 150');
    const failedNode = () => page.getAttribute('[data-boundary-map] [data-failed="true"]', 'data-node');

    await send(page, [suppressed!]);
    expect(await status(page)).toBe(
      'Live: cold start with a suppressed init (it ran inside the call, in its Duration); ' +
        'timed out after 0.15 s: the environment was killed',
    );
    expect(await page.getAttribute('[data-boundary-map]', 'data-outcome')).toBe('timeout');
    // It never finished init: the cold start is where it stopped, and nothing after it is lit.
    expect(await failedNode()).toBe('cold');
    expect(await page.textContent('[data-boundary-map] [data-node="cold"] [data-duration]')).toBe('✕ timeout');
    expect(await page.getAttribute('[data-boundary-map] [data-node="adapter"]', 'data-active')).toBeNull();

    await send(page, [timeout!]);
    expect(await status(page)).toContain('cold start, 1976 ms init; timed out after 0.15 s');
    // Its bundle loaded (1976 ms of init), then NestFactory ran out of time in the call.
    expect(await failedNode()).toBe('cold');
    expect(await page.textContent('[data-boundary-map] [data-node="cold"] [data-duration]')).toBe('✕ timeout');

    await send(page, ofCommand('invoke health --handler throws.mjs'));
    expect(await status(page)).toBe('Live: warm invocation; failed after 112 ms: TypeError');

    await send(page, ofCommand('invoke health --handler hog.mjs --memory 128'));
    expect(await status(page)).toContain('out of memory after 1561 ms: 131 MB of 128 MB');
    expect(await page.getAttribute('[data-boundary-map]', 'data-outcome')).toBe('oom');

    await send(
      page,
      ofCommand('invoke health --concurrency 3 --reserved 1').filter((t) => t.status === 'throttled'),
    );
    expect(await status(page)).toBe('Live: throttled: every environment was busy, the call never ran');
    expect(await failedNode()).toBe('handler');
    await page.context().close();
  });

  it('speaks Korean on a Korean lesson', async () => {
    const page = await open('/ko/08-db-pool/');
    await send(page, ofCommand('invoke reports-slow --timeout 150').slice(0, 1));
    expect(await status(page)).toBe('Live: cold start, init 1976 ms; 0.15 s 후 timeout: 실행 환경이 종료됨');
    await send(page, ofCommand('storm --variant buggy'));
    const counts = await page.$$eval('[data-lab-timeline] .tl-count', (els) => els.map((el) => el.textContent));
    expect(counts).toEqual(['호출 1번 · cold 1번 · 실패 1번', '호출 24번 · cold 24번 · 실패 24번']);
    await page.context().close();
  });
});

describe('the timeline keeps the story', () => {
  it('keeps a whole scenario as one group, scrollable, with every failure marked on its bar', async () => {
    const page = await open('/08-db-pool/');
    await send(page, traces);
    const groups = await page.$$eval('[data-lab-timeline] .tl-group', (sections) =>
      sections.map((s) => ({
        command: s.querySelector('.tl-command')?.textContent,
        count: s.querySelector('.tl-count')?.textContent,
        rows: s.querySelectorAll('li').length,
      })),
    );
    const commands = [...new Set(traces.map((t) => t.command!.id))];
    expect(groups).toHaveLength(commands.length);
    expect(groups.find((g) => g.command === 'storm --variant buggy')).toEqual({
      command: 'storm --variant buggy',
      count: '24 calls · 24 cold · 24 failed',
      rows: 24,
    });
    // All of it is kept (not the last 12) in a box that scrolls, not a page that grows.
    expect(await page.$$eval('[data-lab-timeline] li[data-start]', (rows) => rows.length)).toBe(traces.length);
    const scroll = await page.$eval('[data-timeline-scroll]', (el) => ({
      overflow: getComputedStyle(el).overflowY,
      scrolls: el.scrollHeight > el.clientHeight,
      label: el.getAttribute('aria-label'),
      focusable: el.tabIndex === 0,
    }));
    expect(scroll).toEqual({ overflow: 'auto', scrolls: true, label: expect.any(String), focusable: true });

    const rows = await page.$$eval('[data-lab-timeline] li[data-start]', (items) =>
      items.map((li) => ({
        outcome: li.getAttribute('data-outcome'),
        init: li.getAttribute('data-init'),
        label: li.querySelector('.tl-label')!.textContent,
        colour: getComputedStyle(li.querySelector('.tl-run')!).backgroundColor,
        image: getComputedStyle(li.querySelector('.tl-run')!).backgroundImage,
      })),
    );
    // A failure's bar is the legend's "failed" red, cold or warm; hatched red where its init was suppressed.
    const failedColour = await page.$eval(
      '[data-lab-timeline] .tl-swatch.tl-failed',
      (el) => getComputedStyle(el).backgroundColor,
    );
    for (const outcome of ['timeout', 'error', 'oom', 'throttled']) {
      const row = rows.find((r) => r.outcome === outcome);
      expect(row, outcome).toBeDefined();
    }
    for (const row of rows.filter((r) => r.outcome !== 'ok')) {
      if (row.init === 'suppressed') expect(row.image, row.label!).toContain(failedColour);
      else expect(row.colour, row.label!).toBe(failedColour);
    }
    const coldTimeout = rows.find((r) => r.outcome === 'timeout' && r.init !== 'suppressed')!;
    expect(coldTimeout.label).toBe('COLD 150 ms + init 1976 ms TIMEOUT 0.15 s');
    expect(rows.find((r) => r.outcome === 'oom')!.label).toBe('COLD (suppressed init) 1561 ms OOM 131/128 MB');
    expect(rows.find((r) => r.outcome === 'error')!.label).toBe('WARM 112 ms TypeError');
    expect(
      rows.filter((r) => r.init === 'suppressed').every((r) => r.label!.startsWith('COLD (suppressed init)')),
    ).toBe(true);
    await page.context().close();
  });

  it('draws the last call’s spans nested, each inside its parent, on that call’s own scale', async () => {
    const page = await open('/08-db-pool/');
    const warm = ofCommand('invoke apigw-v2-post').find((t) => !t.coldStart)!;
    await send(page, [warm]);
    const spans = await page.$$eval('[data-timeline-spans] [data-span]', (rows) =>
      rows.map((row) => {
        const bar = row.querySelector('.tl-span-bar')!.getBoundingClientRect();
        return {
          name: row.getAttribute('data-span'),
          depth: Number(row.getAttribute('data-depth')),
          left: bar.left,
          right: bar.right,
        };
      }),
    );
    const byName = (name: string) => spans.find((s) => s.name === name)!;
    expect([byName('controller').depth, byName('provider').depth, byName('db').depth]).toEqual([0, 1, 2]);
    for (const [outer, inner] of [
      ['controller', 'provider'],
      ['provider', 'db'],
    ] as const) {
      expect(byName(inner).left).toBeGreaterThanOrEqual(byName(outer).left - 0.5);
      expect(byName(inner).right).toBeLessThanOrEqual(byName(outer).right + 0.5);
    }
    await page.context().close();
  });

  it('never cuts a label on a phone: every label fits on its lines', async () => {
    const page = await open('/08-db-pool/', 390);
    await send(page, traces);
    const cut = await page.$$eval('[data-lab-timeline] .tl-label', (labels) =>
      labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent),
    );
    expect(cut).toEqual([]);
    await page.context().close();
  });
});

describe('layout', () => {
  it('breaks the lifecycle’s and reuse map’s commands only between words, at 390 px', async () => {
    for (const path of ['/03-lifecycle/', '/04-reuse-map/']) {
      const page = await open(path, 390);
      const broken = await page.$$eval('.command-line span', (words) =>
        words.filter((w) => w.getClientRects().length > 1).map((w) => w.textContent),
      );
      expect(await page.$$eval('.command-line span', (words) => words.length), path).toBeGreaterThan(3);
      expect(broken, path).toEqual([]);
      await page.context().close();
    }
  });

  it('says so when a phone scrolls the map sideways, and Tab to a box on the right scrolls to it', async () => {
    const phone = await open('/02-boundary-map/', 390);
    const region = await phone.$eval('[data-map-scroll]', (el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      label: el.getAttribute('aria-label'),
    }));
    expect(region).toEqual({ scrolls: true, label: 'Boundary map (scrolls sideways)' });
    await phone.focus('[data-boundary-map] [data-node="adapter"]');
    expect(await phone.$eval('[data-map-scroll]', (el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await phone.isVisible('[data-boundary-map] [data-scroll-hint]')).toBe(true);
    await phone.context().close();
    const desktop = await open('/02-boundary-map/');
    expect(await desktop.isVisible('[data-boundary-map] [data-scroll-hint]')).toBe(false);
    await desktop.context().close();
  });
});
