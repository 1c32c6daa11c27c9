// A phone-sized page: the lesson's terminal fits about 40 columns, the page tells the lab its
// columns (the 'open' and 'resize' messages, xterm's cols after fit), and `map`, clicked as the
// lesson suggests it, prints no line wider than that terminal.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../lab/server/protocol.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { widerThan } from '../support/visible-width.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
let lab: StartedLab;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(DIST, '06-event-mapping/index.html')))
    throw new Error('The built site is missing: `npm run build:site`.');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`.`);
  [lab, browser] = await Promise.all([
    spawnStart(['--port', '0', '--no-site-build'], { DATABASE_URL: inject('databaseUrl') }),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop('SIGTERM');
});

/** The columns the page last reported, and what the lab wrote to its terminal. */
function watchTerminal(page: Page): { columns: () => number | undefined; output: () => string } {
  let columns: number | undefined;
  let output = '';
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = parseClientMessage(String(payload));
      if (message?.type === 'open' || message?.type === 'resize') columns = message.cols;
    });
    socket.on('framereceived', ({ payload }) => {
      const message = parseServerMessage(String(payload));
      if (message?.type === 'output') output += message.data;
    });
  });
  return { columns: () => columns, output: () => output };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the page terminal on a phone', () => {
  it('runs the suggested `map` without a line wider than its 40 columns', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const terminal = watchTerminal(page);
    const url = new URL(lab.url);
    await page.goto(`${url.origin}/06-event-mapping/${url.search}`, { waitUntil: 'load' });
    const button = page.locator('[data-lab-command="map apigw-v2-named-stage"]');
    await button.scrollIntoViewIfNeeded();
    await until(() => terminal.output().includes('lab> '), 'the prompt', 30_000);
    await button.click();
    await until(() => /losses with the lab handler[^]*lab> /.test(terminal.output()), 'the map and a prompt');
    const columns = terminal.columns()!;
    // A phone's terminal: about 40 columns (xterm's fit of a 390 px page).
    expect(columns).toBeGreaterThanOrEqual(30);
    expect(columns).toBeLessThanOrEqual(40);
    const text = terminal.output().replaceAll('\r', '');
    const map = text.slice(text.indexOf('apigw-v2-named-stage'));
    expect(map).toContain('lab handler: Nest / client');
    expect(widerThan(map, columns)).toEqual([]);
    await context.close();
  }, 120_000);
});
