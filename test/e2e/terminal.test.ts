// The learner's first minutes, in a real browser: `npm start` (its own process, its printed URL),
// lesson 1, the terminal says "lab ready", `invoke apigw-v2-get` twice shows COLD then WARM with
// their REPORT lines while the boundary map lights the cold path then the warm path with the
// measured durations; Ctrl-C cancels a long command; a suggested command runs on a click; the
// budget bar of lesson 9; and a page without the lab says how to start it. One Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseServerMessage } from '../../lab/server/protocol.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS } from '../support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

let lab: StartedLab;
let browser: Browser;
const pageErrors: string[] = [];

/** What the lab server wrote to the page's terminal, ANSI removed, as the frames arrived. */
function recordTerminal(page: Page): () => string {
  let text = '';
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const message = parseServerMessage(String(payload));
      if (message?.type === 'output') text += message.data.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    });
  });
  return () => text;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The rows the terminal shows right now. */
const screenText = (page: Page) =>
  page.$$eval('[data-lab-terminal] .xterm-rows > div', (rows) =>
    rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n'),
  );

const activeNodes = (page: Page) =>
  page.$$eval('[data-boundary-map] [data-node][data-active="true"]', (els) =>
    els.map((el) => el.getAttribute('data-node')),
  );

const durationOf = (page: Page, node: string) =>
  page.$eval(`[data-boundary-map] [data-node="${node}"] [data-duration]`, (el) => el.textContent ?? '');

async function typeLine(page: Page, line: string): Promise<void> {
  await page.click('[data-lab-terminal] .xterm');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  if (!existsSync(join(DIST, '01-why-lambda/index.html')))
    throw new Error('The built site is missing: `npm run build:site`.');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: \`apt-get install -y chromium\`.`);
  [lab, browser] = await Promise.all([
    spawnStart(['--port', '0', '--no-site-build'], { DATABASE_URL: inject('databaseUrl') }),
    chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop('SIGTERM');
});

async function openLesson(url: string): Promise<{ page: Page; terminal: () => string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const terminal = recordTerminal(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, terminal };
}

describe('lesson 1 from the URL `npm start` printed', () => {
  let page: Page;
  let terminal: () => string;

  beforeAll(async () => {
    ({ page, terminal } = await openLesson(lab.url));
  }, 30_000);

  afterAll(async () => {
    await page?.context().close();
  });

  it('keeps the token out of the address bar and connects the terminal: "lab ready"', async () => {
    expect(lab.url).toMatch(/\/01-why-lambda\/\?token=/);
    expect(page.url()).not.toContain('token=');
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await until(async () => (await screenText(page)).includes('lab ready'), 'lab ready on the screen');
    expect(await page.getAttribute('[data-lab-terminal]', 'data-state')).toBe('open');
    expect(await page.isHidden('[data-lab-offline]')).toBe(true);
  });

  it('shows COLD then WARM with REPORT lines, and the map lights the cold path then the warm one', async () => {
    await typeLine(page, 'invoke apigw-v2-get');
    await until(() => /COLD[\s\S]*lab> /.test(terminal()), 'a COLD invocation');
    expect(terminal()).toMatch(/REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms\t.*Init Duration: [\d.]+ ms/);
    await until(async () => (await activeNodes(page)).includes('cold'), 'the cold path on the map');
    expect(await activeNodes(page)).not.toContain('warm');
    expect(await durationOf(page, 'cold')).toMatch(/^[\d.]+ ms$/);
    expect(await durationOf(page, 'adapter')).toMatch(/^[\d.]+ ms$/);
    // The status names what happened, with the trace's own figures.
    expect(await page.textContent('[data-boundary-map] [data-trace-status]')).toMatch(
      /^Live: cold start, [\d.]+ ms init; answered in [\d.]+ ms$/,
    );

    const before = terminal().length;
    await typeLine(page, 'invoke apigw-v2-get');
    await until(() => /WARM[\s\S]*lab> /.test(terminal().slice(before)), 'a WARM invocation');
    const warm = terminal().slice(before);
    expect(warm).toMatch(/REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms/);
    expect(warm).not.toContain('Init Duration');
    await until(async () => (await activeNodes(page)).includes('warm'), 'the warm path on the map');
    expect(await activeNodes(page)).not.toContain('cold');
    expect(await durationOf(page, 'cold')).toBe('');
    expect(await durationOf(page, 'adapter')).toMatch(/^[\d.]+ ms$/);
    // The screen shows what was sent, and the timeline has one cold and one warm bar.
    expect(await screenText(page)).toContain('lab>');
    expect(
      await page.$$eval('[data-lab-timeline] li[data-start]', (rows) => rows.map((r) => r.getAttribute('data-start'))),
    ).toEqual(['cold', 'warm']);
  });

  it('cancels a long command on Ctrl-C', async () => {
    const before = terminal().length;
    await typeLine(page, 'invoke reports-slow --repeat 50');
    await until(() => terminal().slice(before).includes('REPORT RequestId'), 'the first slow invocation');
    const pressed = Date.now();
    await page.keyboard.press('Control+C');
    await until(() => /\^C cancelled[\s\S]*lab> /.test(terminal().slice(before)), '^C cancelled and a prompt', 5_000);
    expect(Date.now() - pressed).toBeLessThan(2_000);
    expect(
      terminal()
        .slice(before)
        .match(/REPORT RequestId/g)!.length,
    ).toBeLessThan(50);
  });

  it('runs a suggested command when it is clicked', async () => {
    const before = terminal().length;
    await page.click('[data-lab-command="containers"]');
    await until(
      () => /lab> containers[\s\S]*container\s+pid\s+state[\s\S]*lab> /.test(terminal().slice(before)),
      'the containers table',
    );
  });
});

describe('lesson 9', () => {
  it('fills the budget bar and marks a timeout', async () => {
    const { page, terminal } = await openLesson(`http://127.0.0.1:${lab.port}/09-timeout-budgets/?token=${lab.token}`);
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await page.click('[data-lab-command="invoke reports-slow --timeout 1000"]');
    await until(
      async () => (await page.getAttribute('[data-budget-bar]', 'data-status')) === 'ok',
      'an answered invocation',
    );
    expect(await page.textContent('[data-budget-text]')).toMatch(
      /answered in \d+ ms: \d+ ms of the 1000 ms budget left/,
    );
    await page.click('[data-lab-command="invoke reports-slow --timeout 100"]');
    await until(
      async () => (await page.getAttribute('[data-budget-bar]', 'data-status')) === 'timeout',
      'a timeout',
      30_000,
    );
    expect(await page.getAttribute('[data-budget-track]', 'aria-valuenow')).toBe('100');
    expect(terminal()).toContain('Task timed out after 0.10 seconds');
    expect(await page.$$eval('[data-lab-timeline] li[data-status="timeout"]', (rows) => rows.length)).toBeGreaterThan(
      0,
    );
    await page.context().close();
  });
});

describe('without the lab', () => {
  it('says how to start it and loads no terminal code', async () => {
    const { page } = await openLesson(`http://127.0.0.1:${lab.port}/02-boundary-map/`);
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(request.url()));
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await page.click('[data-lab-command="invoke apigw-v2-get"]');
    expect(await page.isVisible('[data-lab-offline]')).toBe(true);
    expect(await page.textContent('[data-lab-offline]')).toContain('npm install && npm start');
    expect(await page.getAttribute('[data-lab-terminal]', 'data-state')).toBe('no-token');
    expect(scripts.filter((url) => /terminal\.[\w-]+\.js/.test(url))).toEqual([]);
    await page.context().close();
  });

  it('says the lab is unreachable when the token is stale', async () => {
    const { page } = await openLesson(`http://127.0.0.1:${lab.port}/02-boundary-map/?token=from-an-earlier-launch`);
    await until(
      async () => (await page.getAttribute('[data-lab-terminal]', 'data-state')) === 'unreachable',
      'unreachable',
    );
    expect(await page.isVisible('[data-lab-offline]')).toBe(true);
    await page.context().close();
  });

  it('had no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
