// The learner's first minutes, in a real browser: `npm start` (its own process, its printed URL),
// lesson 1, the terminal says "lab ready", `invoke apigw-v2-get` twice shows COLD then WARM with
// their REPORT lines while the boundary map lights the cold path then the warm path with the
// measured durations; Ctrl-C cancels a long command; a suggested command runs on a click; the
// budget bar of lesson 9; and a page without the lab says how to start it. The terminal behaves
// like one: a click while a command runs is queued, Esc leaves it, Ctrl-C clears a line, Tab
// completes a sample, a pasted `npm run lab -- …` runs, the history follows the tab, and an old
// token says so. One Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseServerMessage } from '../../lab/server/protocol.ts';
import { suggestionsFor } from '../../src/data/lab-suggestions.ts';
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
  // An action that cannot happen fails with its reason, well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
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
    // The REPORT line folds at its tabs to fit the terminal's columns (lab/cli/layout.ts).
    expect(terminal()).toMatch(/REPORT RequestId: [\w-]+\s+Duration: [\d.]+ ms\s[^]*?Init Duration: [\d.]+ ms/);
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
    expect(warm).toMatch(/REPORT RequestId: [\w-]+\s+Duration: [\d.]+ ms/);
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

describe('a terminal that behaves like one', () => {
  let page: Page;
  let terminal: () => string;

  beforeAll(async () => {
    ({ page, terminal } = await openLesson(`http://127.0.0.1:${lab.port}/01-why-lambda/?token=${lab.token}`));
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await until(async () => (await screenText(page)).includes('lab ready'), 'lab ready on the screen');
  }, 30_000);

  afterAll(async () => {
    await page?.context().close();
  });

  it(
    'queues a suggested command clicked while one runs, shows it queued, and runs it after',
    { timeout: 90_000 },
    async () => {
      const before = terminal().length;
      // Twenty calls of at least 200 ms each: the click lands while the command still runs, even when
      // a loaded machine takes a second to deliver it (with four, the command had ended first).
      await typeLine(page, 'invoke reports-slow --repeat 20');
      await until(() => terminal().slice(before).includes('REPORT RequestId'), 'the first slow invocation');
      await page.click('[data-lab-command="containers"]');
      await until(
        () => /queued: containers \(runs when `invoke reports-slow --repeat 20` ends/.test(terminal().slice(before)),
        'the click shown as queued',
      );
      await until(
        () => /lab> containers\r?\n[\s\S]*container\s+pid\s+state[\s\S]*lab> $/.test(terminal().slice(before)),
        'the queued command run after the first',
      );
      const run = terminal().slice(before);
      const second = run.lastIndexOf('lab> containers');
      // All twenty invocations of the first command came before the second command's prompt: nothing interleaved.
      expect(run.slice(0, second).match(/REPORT RequestId/g)).toHaveLength(20);
      expect(run.slice(second)).not.toContain('REPORT RequestId');
    },
  );

  it('lets Esc move focus out of the terminal, after which Tab and Shift+Tab move on as anywhere', async () => {
    await page.click('[data-lab-terminal] .xterm');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    expect(await page.isVisible('[data-lab-keys]')).toBe(true);
    expect(await page.textContent('[data-lab-keys]')).toContain('Esc leaves the terminal');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-lab-terminal'))).toBe(true);
    await page.keyboard.press('Tab');
    // Onto lesson 1's first suggestion, as the one list (src/data/lab-suggestions.ts) names it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lab-command'))).toBe(
      suggestionsFor('01')[0]!.command,
    );
    // Shift+Tab from inside the terminal goes back out too: the terminal never holds the focus.
    await page.click('[data-lab-terminal] .xterm');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
  });

  it('clears a half-typed line on Ctrl-C and shows ^C, as a shell does', async () => {
    const before = terminal().length;
    await page.click('[data-lab-terminal] .xterm');
    await page.keyboard.type('invoke');
    await until(() => terminal().slice(before).includes('invoke'), 'the typed word echoed');
    await page.keyboard.press('Control+C');
    await until(() => /invoke\^C\r?\n[\s\S]*lab> /.test(terminal().slice(before)), '^C and a fresh prompt');
    await page.keyboard.type('events');
    await page.keyboard.press('Enter');
    await until(() => /apigw-v2-get[\s\S]*lab> $/.test(terminal().slice(before)), 'the list of samples');
    expect(terminal().slice(before)).not.toContain('unknown command');
  });

  it('completes a sample name on Tab', async () => {
    const before = terminal().length;
    await page.click('[data-lab-terminal] .xterm');
    await page.keyboard.type('invoke users-al');
    await page.keyboard.press('Tab');
    await until(async () => (await screenText(page)).includes('lab> invoke users-alice'), 'the completed name');
    await page.keyboard.press('Enter');
    // The lab ran the completed name: users-alice's request answers with alice.
    await until(() => /"name": "alice"[\s\S]*lab> $/.test(terminal().slice(before)), "alice's call");
    expect(terminal().slice(before)).not.toMatch(/unknown|no sample/i);
  });

  it('runs `npm run lab -- invoke …` pasted from a lesson', async () => {
    const before = terminal().length;
    await page.click('[data-lab-terminal] .xterm');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'npm run lab -- invoke health');
      document
        .querySelector('[data-lab-terminal] .xterm-helper-textarea')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.keyboard.press('Enter');
    await until(() => /REPORT RequestId[\s\S]*lab> $/.test(terminal().slice(before)), 'the health invocation');
    expect(terminal().slice(before)).not.toContain('unknown command');
  });

  it("keeps the tab's history from one lesson to the next", async () => {
    await page.goto(`http://127.0.0.1:${lab.port}/02-boundary-map/`, { waitUntil: 'load' });
    await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
    await until(async () => (await screenText(page)).includes('lab ready'), 'lab ready on lesson 2');
    await page.click('[data-lab-terminal] .xterm');
    await page.keyboard.press('ArrowUp');
    await until(
      async () => (await screenText(page)).includes('lab> npm run lab -- invoke health'),
      'the last line recalled',
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
    // Folded at word boundaries to the terminal's width: compared with the folds undone.
    expect(terminal().replace(/\s+/g, ' ')).toContain('Task timed out after 0.10 seconds');
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
    await page.click('[data-lab-command="invoke apigw-v2-get --repeat 2 --cold"]');
    expect(await page.isVisible('[data-lab-offline]')).toBe(true);
    expect(await page.textContent('[data-lab-offline]')).toContain('npm install && npm start');
    expect(await page.getAttribute('[data-lab-terminal]', 'data-state')).toBe('no-token');
    expect(scripts.filter((url) => /terminal\.[\w-]+\.js/.test(url))).toEqual([]);
    await page.context().close();
  });

  it('says a token from an earlier launch is old, with the way back, and reconnects once the new URL is opened', async () => {
    const { page } = await openLesson(`http://127.0.0.1:${lab.port}/02-boundary-map/?token=from-an-earlier-launch`);
    await until(
      async () => (await page.getAttribute('[data-lab-terminal]', 'data-state')) === 'old-token',
      'the old-token state',
    );
    expect(await page.textContent('[data-lab-status]')).toBe('token from an earlier launch');
    const reason = page.locator('[data-lab-offline-reason="old-token"]');
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toBe(
      'This tab is from an earlier launch of the lab: open the URL npm start printed. This page, /02-boundary-map/, then reconnects by itself (or reload it).',
    );
    expect(await page.isHidden('[data-lab-offline-reason="start"]')).toBe(true);
    // The learner opens the URL the new launch printed in another tab of the same browser.
    const fresh = await page.context().newPage();
    await fresh.goto(lab.url, { waitUntil: 'load' });
    await until(
      async () => (await page.getAttribute('[data-lab-terminal]', 'data-state')) === 'open',
      'the old tab connected with the new token',
    );
    await page.context().close();
  });

  it('says so in Korean on a Korean page', async () => {
    const { page } = await openLesson(`http://127.0.0.1:${lab.port}/ko/02-boundary-map/?token=from-an-earlier-launch`);
    await until(
      async () => (await page.getAttribute('[data-lab-terminal]', 'data-state')) === 'old-token',
      'the old-token state',
    );
    expect(await page.textContent('[data-lab-status]')).toBe('이전 실행의 토큰');
    expect(await page.textContent('[data-lab-offline-reason="old-token"]')).toContain('/ko/02-boundary-map/');
    await page.context().close();
  });

  it('had no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
