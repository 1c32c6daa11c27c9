// Every suggested command of every lesson, clicked in the page as a learner clicks it: the
// English lessons 1 → 11 in order, then the Korean ones 11 → 1 with each lesson's buttons in
// reverse, in one lab started by `npm start`. Each output is checked against what its lesson says
// (src/data/lab-suggestions.ts, the list the buttons are made from): a claim must hold whatever
// ran before, so a lesson that works only on a fresh lab fails here. After the first pass the
// lab's container processes must hold at most 400 MiB (measured from /proc), and `containers`
// must list every one of them.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseServerMessage } from '../../lab/server/protocol.ts';
import { LESSON_SUGGESTIONS, type Claim, type LessonWithTerminal } from '../../src/data/lab-suggestions.ts';
import { jsonLines, runLab } from '../cli/run-lab.ts';
import { spawnStart, type StartedLab } from '../server/spawn-start.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { containerProcesses, mib } from '../support/container-memory.ts';
import { assertBuilt, lessonSlugs } from '../site/dist.ts';

const MEMORY_TARGET_MIB = 400;
/** The slowest command (`check` of all ten exercises) on a loaded 2-core machine. */
const COMMAND_TIMEOUT_MS = 300_000;

let lab: StartedLab;
/** The lab's settings: a shell client with others would be refused (another lab's). */
let settings: Record<string, string>;
let browser: Browser;
const pageErrors: string[] = [];
/** The command that ran last, whichever page ran it: `afterPrevious` claims hold only right after theirs. */
let previous: string | undefined;
const timings: Array<[string, number]> = [];

// Sorted: "10" and "11" are integer keys, which Object.keys() lists before "01"…"09".
const LESSONS = (Object.keys(LESSON_SUGGESTIONS) as LessonWithTerminal[]).sort();

function slugOf(lesson: LessonWithTerminal): string {
  const slug = lessonSlugs().find((s) => s.startsWith(`${lesson}-`));
  if (!slug) throw new Error(`no lesson numbered ${lesson} in content/docs`);
  return slug;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface LessonPage {
  page: Page;
  /** What the lab wrote to this page's terminal so far, ANSI sequences and carriage returns removed. */
  terminal(): string;
}

async function openLesson(path: string): Promise<LessonPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${String(error)}`));
  let text = '';
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const message = parseServerMessage(String(payload));
      if (message?.type !== 'output') return;
      // As the terminal shows it: a lone \r (a progress line redrawn in place) goes back to the
      // start of the line, so the next text replaces the line instead of running on after it.
      const [first = '', ...redrawn] = message.data
        .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
        .replace(/\r+\n/g, '\n')
        .split('\r');
      text += first;
      for (const segment of redrawn) text = text.slice(0, text.lastIndexOf('\n') + 1) + segment;
    });
  });
  await page.goto(`http://127.0.0.1:${lab.port}${path}?token=${lab.token}`, { waitUntil: 'load' });
  await page.locator('[data-lab-terminal]').scrollIntoViewIfNeeded();
  await until(() => /lab> $/.test(text), `the terminal's first prompt on ${path}`);
  return { page, terminal: () => text };
}

/** Clicks the button for `command` and returns what the command printed, once its prompt is back. */
async function click(lesson: LessonPage, command: string): Promise<string> {
  const from = lesson.terminal().length;
  const started = Date.now();
  await lesson.page.click(`[data-lab-command="${command}"]`);
  let output: string | undefined;
  await until(
    () => {
      const after = lesson.terminal().slice(from);
      const echoed = after.indexOf(`${command}\n`);
      if (echoed < 0) return false;
      const rest = after.slice(echoed + command.length + 1);
      const prompt = rest.search(/(^|\n)lab> /);
      if (prompt < 0) return false;
      output = rest.slice(0, prompt + 1);
      return true;
    },
    `\`${command}\` to finish`,
    COMMAND_TIMEOUT_MS,
  );
  timings.push([command, Date.now() - started]);
  return output!;
}

// Soft: a claim that fails is reported and the pass goes on, so every later command still runs
// after what ran before it (and the memory figure is the whole pass's).
function expectClaim(output: string, claim: Claim, what: string): void {
  const context = `${what}\n--- output ---\n${output}`;
  if (claim.starts) {
    const markers = [...output.matchAll(/^(COLD|WARM|THROTTLED) {2}/gm)].map((m) => m[1]);
    expect.soft(markers, context).toEqual(claim.starts);
  }
  if (claim.verdict) expect.soft(/^verdict: +(\S+)/m.exec(output)?.[1], context).toBe(claim.verdict);
  for (const pattern of claim.shows ?? []) expect.soft(output, context).toMatch(new RegExp(pattern, 'm'));
  for (const pattern of claim.never ?? []) expect.soft(output, context).not.toMatch(new RegExp(pattern, 'm'));
}

/** One lesson's buttons, in the given order; each output against its claims. */
async function runLesson(lesson: LessonWithTerminal, locale: 'en' | 'ko', order: 'forward' | 'reverse'): Promise<void> {
  const path = `${locale === 'ko' ? '/ko' : ''}/${slugOf(lesson)}/`;
  const page = await openLesson(path);
  try {
    const suggestions = LESSON_SUGGESTIONS[lesson];
    // The page's buttons are the list's: a lesson cannot show a command its check does not know.
    const buttons = await page.page.$$eval('[data-lab-command]', (els) =>
      els.map((el) => el.getAttribute('data-lab-command')),
    );
    expect(buttons, path).toEqual(suggestions.map((s) => s.command));
    const indexes = suggestions.map((_, i) => i);
    for (const i of order === 'forward' ? indexes : indexes.reverse()) {
      const suggestion = suggestions[i]!;
      // `check` reads the learner's files, not the lab's environments: what ran before cannot
      // change its story, so the reversed pass leaves out its minute of exercise checks.
      if (order === 'reverse' && /^check\b/.test(suggestion.command)) continue;
      const output = await click(page, suggestion.command);
      const what = `${path} \`${suggestion.command}\` (${order}, after \`${previous ?? 'nothing'}\`)`;
      expectClaim(output, suggestion.claim, what);
      const before = suggestions[i - 1];
      if ('afterPrevious' in suggestion && before && previous === before.command) {
        expectClaim(output, suggestion.afterPrevious, `${what}, right after \`${before.command}\``);
      }
      previous = suggestion.command;
    }
  } finally {
    await page.page.context().close();
  }
}

beforeAll(async () => {
  assertBuilt();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`.`);
  settings = {
    DATABASE_URL: inject('databaseUrl'),
    // `check` writes the learner's progress: this run's own file, not the checkout's.
    LAB_PROGRESS_PATH: join(mkdtempSync(join(tmpdir(), 'lab-progress-')), 'progress.json'),
  };
  [lab, browser] = await Promise.all([
    spawnStart(['--port', '0', '--no-site-build'], settings),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop('SIGTERM');
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `lesson commands: ${timings.length} clicks in ${(total / 1000).toFixed(1)} s; slowest: ` +
      [...timings]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([c, ms]) => `${c} ${(ms / 1000).toFixed(1)} s`)
        .join(', '),
  );
});

describe('every suggested command tells its lesson’s story, whatever ran before', () => {
  it(
    'in order, lesson 1 to 11 (English)',
    async () => {
      for (const lesson of LESSONS) await runLesson(lesson, 'en', 'forward');
    },
    20 * 60_000,
  );

  it(`leaves at most ${MEMORY_TARGET_MIB} MiB in container processes, every one listed by \`containers\``, async () => {
    const processes = containerProcesses(lab.child.pid!);
    const shell = await runLab(['containers', '--json'], { runDir: lab.runDir, env: settings });
    const listed = jsonLines(shell.stdout)[0] as unknown as Array<{ pid: number; state: string; functionName: string }>;
    const totalMiB = mib(processes.reduce((sum, p) => sum + p.rssKiB, 0));
    const named = processes.map((p) => {
      const row = listed.find((c) => c.pid === p.pid);
      return `${row ? `${row.functionName} ${row.state}` : `unlisted pid ${p.pid}`} ${mib(p.rssKiB)} MiB`;
    });
    console.log(`container RSS after one pass: ${totalMiB} MiB in ${processes.length} processes (${named.join(', ')})`);
    expect(listed.map((c) => c.pid).sort()).toEqual(processes.map((p) => p.pid).sort());
    expect(totalMiB).toBeLessThanOrEqual(MEMORY_TARGET_MIB);
    // Nothing runs between the lessons: the on-demand environments are frozen, and say so.
    expect(listed.map((c) => c.state)).toContain('frozen');
    expect(listed.map((c) => c.state)).not.toContain('busy');
  });

  it(
    'in reverse order, lesson 11 to 1, each lesson’s buttons last to first (Korean)',
    async () => {
      for (const lesson of [...LESSONS].reverse()) await runLesson(lesson, 'ko', 'reverse');
    },
    20 * 60_000,
  );

  it('had no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
