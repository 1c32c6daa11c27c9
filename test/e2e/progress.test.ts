// JOURNEY step 6 in a real browser: a check passes (written through the progress module, as
// `check` does, from this process: another shell as far as the lab server knows), and the open
// lesson changes live: its sidebar entry gets a ✓ "exercise passed" and the Exercise box says
// "passed ✓ — run `solution 01` to compare". Without the lab the page stays as built. One
// Chromium; the lab's progress file is a temporary one (LAB_PROGRESS_PATH), never .lab/'s.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordCheck } from '../../lab/exercises-runner/progress.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const temp = mkdtempSync(join(tmpdir(), 'lab-e2e-progress-'));
const progressFile = join(temp, 'lab', 'progress.json');
const ID = '01-cache-the-bootstrap';

let lab: StartedLab;
let browser: Browser;
const pageErrors: string[] = [];

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const sidebarLink = (lesson: string) => `#starlight__sidebar a[href="/${lesson}/"]`;
const ticked = (page: Page, lesson: string) =>
  page
    .locator(`${sidebarLink(lesson)} [data-lab-tick]`)
    .count()
    .then((n) => n === 1);
const exerciseStatus = (page: Page) =>
  page.$eval('[data-exercise="01"] [data-exercise-status]', (el) =>
    (el as HTMLElement).hidden ? null : (el.textContent ?? '').trim(),
  );

beforeAll(async () => {
  if (!existsSync(join(DIST, '01-why-lambda/index.html')))
    throw new Error('The built site is missing: `npm run build:site`.');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`.`);
  [lab, browser] = await Promise.all([
    spawnStart(['--port', '0', '--no-site-build'], {
      DATABASE_URL: inject('databaseUrl'),
      LAB_PROGRESS_PATH: progressFile,
    }),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
});

describe('exercise progress, live', () => {
  let lesson1: Page;
  let lesson3: Page;

  beforeAll(async () => {
    lesson1 = await open(lab.url);
    lesson3 = await open(`http://127.0.0.1:${lab.port}/03-lifecycle/?token=${lab.token}`);
  }, 30_000);

  it('says "not passed yet" before any check, and ticks nothing', async () => {
    await until(async () => (await exerciseStatus(lesson1)) !== null, 'the exercise status');
    expect(await exerciseStatus(lesson1)).toBe('not passed yet');
    expect(await lesson1.locator('#starlight__sidebar [data-lab-tick]').count()).toBe(0);
  });

  it('ticks the lesson and opens the solution as soon as a check passes, on every open page', async () => {
    recordCheck(ID, false, 'the second call built Nest again', progressFile);
    await until(
      async () => (await exerciseStatus(lesson1)) === 'not passed yet: the last check failed',
      'the failed check',
    );
    expect(await ticked(lesson1, '01-why-lambda')).toBe(false);

    recordCheck(ID, true, null, progressFile);
    await until(() => ticked(lesson1, '01-why-lambda'), 'the ✓ on lesson 1 in the sidebar');
    expect(await exerciseStatus(lesson1)).toBe('passed ✓ — run solution 01 to compare');
    expect(await lesson1.locator('[data-exercise="01"] [data-exercise-status] code').textContent()).toBe('solution 01');
    // The tick is a visible ✓ with words for a screen reader, on that lesson only.
    const link = lesson1.locator(sidebarLink('01-why-lambda'));
    expect(await link.locator('[data-lab-tick]').innerText()).toContain('✓');
    expect(await link.locator('[data-lab-tick] .sr-only').textContent()).toBe('exercise passed');
    expect(await lesson1.locator('#starlight__sidebar [data-lab-tick]').count()).toBe(1);
    // Another lesson's page, open all along, ticks lesson 1 too and leaves its own exercise alone.
    await until(() => ticked(lesson3, '01-why-lambda'), 'the ✓ on the other open page');
    expect(await ticked(lesson3, '03-lifecycle')).toBe(false);
    expect(await lesson3.textContent('[data-exercise="02"] [data-exercise-status]')).toBe('not passed yet');
  });

  it('shows the passed state at once on a page opened later', async () => {
    const page = await open(`http://127.0.0.1:${lab.port}/02-boundary-map/?token=${lab.token}`);
    await until(() => ticked(page, '01-why-lambda'), 'the ✓ on a fresh page');
    await page.context().close();
  });

  it('changes nothing on a page without the lab', async () => {
    // A fresh browser context: no token in the address nor in storage.
    const page = await open(`http://127.0.0.1:${lab.port}/01-why-lambda/`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await exerciseStatus(page)).toBeNull();
    expect(await page.locator('#starlight__sidebar [data-lab-tick]').count()).toBe(0);
    await page.context().close();
  });

  it('had no uncaught errors in any page', async () => {
    await lesson1.context().close();
    await lesson3.context().close();
    expect(pageErrors).toEqual([]);
  });
});
