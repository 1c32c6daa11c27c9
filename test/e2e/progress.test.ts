// JOURNEY step 6 in a real browser: a check passes (written through the progress module, as
// `check` does, from this process: another shell as far as the lab server knows), and the open
// lesson changes live: its sidebar entry gets a ✓ "exercise passed" and the Exercise box says
// "passed ✓ — run `solution 01` to compare"; the sidebar says "Exercises 1/10 passed" and links the
// next. The Exercise box's *Run check* runs the check in the lab and shows its output as it comes
// (the learner's folder is a temporary starter copy). Without the lab the page stays as built. One
// Chromium; the lab's progress file is a temporary one (LAB_PROGRESS_PATH), never .lab/'s.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeEdition } from '../../lab/exercises-runner/exercise-files.ts';
import { findExercise } from '../../lab/exercises-runner/manifest.ts';
import { recordCheck } from '../../lab/exercises-runner/progress.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const temp = mkdtempSync(join(tmpdir(), 'lab-e2e-progress-'));
const progressFile = join(temp, 'lab', 'progress.json');
const ID = '01-cache-the-bootstrap';
// The learner's folder the box's *Run check* checks: exercise 01 as it starts.
const learnerDir = join(temp, 'exercises');
await writeEdition(findExercise(ID)!, 'starter', join(learnerDir, ID));
chmodSync(temp, 0o755);

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
      LAB_LEARNER_DIR: learnerDir,
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
    // Lesson 2 has an exercise of its own (02): exercise 01's pass ticks lesson 1 only.
    expect(await ticked(lesson1, '02-boundary-map')).toBe(false);
    expect(await lesson1.locator('#starlight__sidebar [data-lab-tick]').count()).toBe(1);
    // Above the lessons: how many exercises pass, and a link to the next one.
    expect(await lesson1.locator('[data-lab-progress] [data-lab-count]').textContent()).toBe('Exercises 1/10 passed');
    const next = lesson1.locator('[data-lab-progress] [data-lab-next]');
    expect(await next.textContent()).toBe(' · next: 02 Handler and adapter');
    expect(await next.getAttribute('href')).toBe('/02-boundary-map/');
    // Another lesson's page, open all along, ticks lesson 1 too and leaves its own exercise alone.
    await until(() => ticked(lesson3, '01-why-lambda'), 'the ✓ on the other open page');
    expect(await ticked(lesson3, '03-lifecycle')).toBe(false);
    expect(await lesson3.textContent('[data-exercise="03"] [data-exercise-status]')).toBe('not passed yet');
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

  it("runs the check from the Exercise box's button and shows its output live", { timeout: 150_000 }, async () => {
    const box = lesson1.locator('[data-exercise="01"]');
    const button = box.locator('[data-exercise-run-button]');
    await until(() => button.isVisible(), 'the Run check button of a connected page');
    expect(await button.textContent()).toContain('Run check');
    await button.click();
    await until(async () => (await button.isDisabled()) && (await button.textContent())!.includes('Checking'), 'busy');
    const output = box.locator('[data-exercise-output]');
    await until(async () => ((await output.textContent()) ?? '').includes('checking 01-cache-the-bootstrap'), 'output');
    // The starter fails: the verdict, the hint and where the learner stands, as `check 01` prints them.
    await until(async () => !(await button.isDisabled()), 'the verdict', 140_000);
    const text = (await output.textContent()) ?? '';
    expect(text).toContain('✗ 01 Cache the bootstrap');
    expect(text).toContain('hint: Look at what lives between invocations');
    expect(text).toMatch(/progress \d+\/10 · next: /);
    // Folded once, to the box's own width: no line is wider than the box shows without wrapping.
    const fits = await output.evaluate((element) => {
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(20);
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
      element.append(probe);
      const charWidth = probe.getBoundingClientRect().width / 20;
      probe.remove();
      const style = getComputedStyle(element);
      const inner = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const longest = Math.max(...(element.textContent ?? '').split('\n').map((line) => [...line].length));
      return { longest, room: Math.floor(inner / charWidth) };
    });
    expect(fits.longest).toBeLessThanOrEqual(fits.room);
    expect(fits.longest).toBeGreaterThan(fits.room - 25);
    expect(await box.getAttribute('data-checked')).toBe('failed');
    // The verdict reached the progress file, so the box's status line follows (it passed before).
    await until(
      async () => ((await exerciseStatus(lesson1)) ?? '').startsWith('the last check failed'),
      'the status after the check',
    );
  });

  it('had no uncaught errors in any page', async () => {
    await lesson1.context().close();
    await lesson3.context().close();
    expect(pageErrors).toEqual([]);
  });
});
