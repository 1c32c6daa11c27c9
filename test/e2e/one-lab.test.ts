// One lab per checkout, in a real browser: with `npm start` running, a command typed in another
// shell (`npx lab invoke`) runs in the same lab and lights the open page's map; and the page's
// own terminal keeps Lambda's request id across async retries, so `logs --request <first id>`
// finds every attempt (the lesson 10 story).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseServerMessage } from '../../lab/server/protocol.ts';
import { runLab } from '../cli/run-lab.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const env = { DATABASE_URL: inject('databaseUrl') };

let lab: StartedLab;
let browser: Browser;
let page: Page;
let terminal = '';

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; terminal:\n${terminal.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const activeNodes = (p: Page) =>
  p.$$eval('[data-boundary-map] [data-node][data-active="true"]', (els) =>
    els.map((el) => el.getAttribute('data-node')),
  );

async function typeLine(line: string): Promise<void> {
  await page.click('[data-lab-terminal] .xterm');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  if (!existsSync(join(DIST, '01-why-lambda/index.html')))
    throw new Error('The built site is missing: `npm run build:site`.');
  [lab, browser] = await Promise.all([
    spawnStart(['--port', '0', '--no-site-build'], env),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = parseServerMessage(String(payload));
      if (message?.type === 'output') terminal += message.data.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    }),
  );
  await page.goto(`http://127.0.0.1:${lab.port}/01-why-lambda/?token=${lab.token}`, { waitUntil: 'load' });
  await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
  await until(() => terminal.includes('lab> '), 'the page terminal');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop('SIGTERM');
});

describe('one lab: the shell and the page share it', () => {
  it("lights the open page's map for an invoke typed in a shell, cold then warm on one container", async () => {
    const first = await runLab(['invoke', 'apigw-v2-get', '--json'], { env, runDir: lab.runDir });
    expect(first.code, first.stderr).toBe(0);
    await until(async () => (await activeNodes(page)).includes('cold'), 'the cold path on the map');
    const second = await runLab(['invoke', 'apigw-v2-get', '--json'], { env, runDir: lab.runDir });
    await until(async () => (await activeNodes(page)).includes('warm'), 'the warm path on the map');
    const [cold, warm] = [first, second].map(
      (r) => JSON.parse(r.stdout) as { coldStart: boolean; containerId: string },
    );
    expect(cold).toMatchObject({ coldStart: true });
    expect(warm).toMatchObject({ coldStart: false, containerId: cold!.containerId });
  }, 60_000);

  it("finds all three attempts of an async retry by the first attempt's request id, in the page terminal", async () => {
    await typeLine('retry --variant buggy');
    await until(() => /lab logs --request (\S+)[\s\S]*lab> $/.test(terminal), 'the retry story', 60_000);
    const id = /lab logs --request (\S+)/.exec(terminal)![1]!;
    const before = terminal.length;
    await typeLine(`logs --request ${id}`);
    await until(() => /lab> $/.test(terminal.slice(before)), 'the logs');
    // Each attempt's header, folded at the terminal's width like any line (lab/cli/layout.ts).
    const headers = terminal.slice(before).match(new RegExp(`# lab retry --variant buggy: awsRequestId\\s+${id}`, 'g'));
    expect(headers, terminal.slice(before)).toHaveLength(3);
  }, 90_000);
});
