// Browser tests of "predict, then run" and the verification quiz on the built site: the output
// stays folded until the learner chooses, the choice is checked against the real run, and a
// Korean page answers in Korean. Debian's /usr/bin/chromium, never a downloaded one.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from './static-server.ts';
import { openBuiltSite } from './built-site.ts';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return page;
}

beforeAll(async () => {
  ({ server, browser } = await openBuiltSite('ko/10-retries/index.html'));
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

describe('predict, then run', () => {
  it('keeps the real output folded until a choice, then checks it and names the deciding line', async () => {
    const page = await open('/10-retries/');
    const predict = page.locator('[data-predict]').first();
    const output = predict.locator('[data-predict-output]');
    expect(await output.getAttribute('open')).toBeNull();
    await predict.locator('button[type=submit]').click();
    expect(await predict.locator('[data-feedback]').textContent()).toBe('Pick one first.');
    expect(await output.getAttribute('open')).toBeNull();

    await predict.locator('input[data-correct="false"]').first().check();
    await predict.locator('button[type=submit]').click();
    const feedback = predict.locator('[data-feedback]');
    expect(await feedback.getAttribute('data-result')).toBe('wrong');
    expect(await feedback.textContent()).toContain('orders in the database for this key: 3');
    expect(await output.getAttribute('open')).not.toBeNull();
    expect(await predict.locator('.predict-evidence').count()).toBeGreaterThan(0);

    await predict.locator('input[data-correct="true"]').check();
    await predict.locator('button[type=submit]').click();
    expect(await feedback.getAttribute('data-result')).toBe('correct');
    await page.close();
  });

  it('answers in Korean on a Korean page', async () => {
    const page = await open('/ko/10-retries/');
    const predict = page.locator('[data-predict]').first();
    await predict.locator('input[data-correct="true"]').check();
    await predict.locator('button[type=submit]').click();
    expect(await predict.locator('[data-feedback]').textContent()).toMatch(/^맞았습니다\./);
    await page.close();
  });
});

describe('the verification quiz in Korean', () => {
  it('asks, checks and explains in Korean', async () => {
    const page = await open('/ko/11-verify/');
    const form = page.locator('[data-quiz] form').first();
    await form.locator('button[type=submit]').click();
    expect(await form.locator('[data-feedback]').textContent()).toBe('먼저 답을 하나 고르세요.');
    await form.locator('input[data-correct="false"]').first().check();
    await form.locator('button[type=submit]').click();
    expect(await form.locator('[data-feedback]').textContent()).toMatch(/^아닙니다\. .*npm run lab -- /);
    await page.close();
  });
});
