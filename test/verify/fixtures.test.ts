// `lab verify` on the fixture apps written for it (test/fixtures/verify-apps/): one clean app,
// one per bug. Each runs the whole verification through the real local Lambda.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerOf, fixture, runVerify, type VerifyJson } from './run-verify.ts';

describe('lab verify on fixture apps', () => {
  it('answers yes three times for the clean app (ten routes, four doors) and exits 0', async () => {
    const run = await runVerify(['--handler', fixture('clean/handler.ts'), '--json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.answers.map((a) => [a.id, a.verdict])).toEqual([
      ['lossless-mapping', 'yes'],
      ['bootstrap-once', 'yes'],
      ['request-state', 'yes'],
    ]);
    expect(report.ok).toBe(true);
    expect(run.code).toBe(0);
    // The routes came from the app's own router, not from a list here.
    expect(report.routes).toContainEqual({ method: 'GET', path: '/items/:id' });
    expect(report.routes).toContainEqual({ method: 'POST', path: '/upload' });
    expect(report.routes.length).toBeGreaterThanOrEqual(10);
    const bootstrap = answerOf(run, 'bootstrap-once').detail;
    expect(bootstrap.phases).toContainEqual(expect.objectContaining({ phase: 'warm', creates: 0 }));
    expect(bootstrap.fault).toMatchObject({ injected: true, bootstrapsAfter: 1, recovered: true });
    expect(bootstrap.initDurationMs).toBeGreaterThan(0);
  }, 240_000);

  it('fails question 3 for a singleton that keeps the caller, naming the field and the route', async () => {
    const run = await runVerify(['--handler', fixture('leaky-singleton/handler.ts'), '--front-door', 'http', '--json']);
    expect(run.code).toBe(1);
    const state = answerOf(run, 'request-state');
    expect(state.verdict).toBe('no');
    expect(state.evidence[0]).toMatch(/^CurrentUser\.name written by GET \/me \(as alice: null → "verify-alice-/);
    expect(state.evidence.join('\n')).toMatch(/GET \/me as anonymous answered with bob's "verify-bob-/);
    expect(answerOf(run, 'bootstrap-once').verdict).toBe('yes');
  }, 240_000);

  it('fails question 2 for a handler that builds Nest per call, with the count', async () => {
    const run = await runVerify(['--handler', fixture('nest-per-call/handler.ts'), '--front-door', 'http', '--json']);
    expect(run.code).toBe(1);
    const bootstrap = answerOf(run, 'bootstrap-once');
    expect(bootstrap.verdict).toBe('no');
    expect(bootstrap.evidence[0]).toMatch(/^NestFactory\.create ran 5× in 5 warm calls/);
    expect(answerOf(run, 'request-state').verdict).toBe('yes');
  }, 240_000);

  it('fails question 1 for serverless-express with default options, naming each loss', async () => {
    const run = await runVerify(['--handler', fixture('default-options/handler.ts'), '--json']);
    expect(run.code).toBe(1);
    const mapping = answerOf(run, 'lossless-mapping');
    expect(mapping.verdict).toBe('no');
    const rules = new Set(
      (mapping.detail.losses as Array<{ rule: string; door: string; route: string }>).map((l) => l.rule),
    );
    expect([...rules]).toEqual(
      expect.arrayContaining(['binary-response-corrupted', 'stage-in-path', 'cookie-joined-with-comma']),
    );
    const losses = mapping.detail.losses as Array<{ rule: string; door: string; route: string }>;
    expect(losses).toContainEqual(
      expect.objectContaining({ rule: 'binary-response-corrupted', route: 'GET /download' }),
    );
    expect(losses.filter((l) => l.rule === 'stage-in-path').every((l) => l.door === 'http')).toBe(true);
    expect(answerOf(run, 'bootstrap-once').verdict).toBe('yes');
    expect(answerOf(run, 'request-state').verdict).toBe('yes');
  }, 240_000);
});

describe('lab verify, its inputs and its text', () => {
  it("takes the front doors and the callers from --events: the events' Authorization headers", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-verify-events-'));
    // `any`: a sample event, edited field by field as a learner's own events would differ.
    const sample = JSON.parse(await readFile('lab/events/samples/apigw-v1-get.json', 'utf8')) as Record<string, any>;
    for (const name of ['carol', 'dave']) {
      const event = structuredClone(sample);
      event.headers.Authorization = `Bearer events-${name}-7f1e`;
      await writeFile(join(dir, `${name}.json`), JSON.stringify(event));
    }
    const run = await runVerify(['--handler', fixture('leaky-singleton/handler.ts'), '--events', dir, '--json']);
    const report = JSON.parse(run.stdout) as VerifyJson & { doors: string[] };
    expect(report.doors).toEqual(['rest']);
    const state = answerOf(run, 'request-state');
    expect(state.detail.identities).toEqual(['carol.json', 'dave.json', 'anonymous']);
    expect(state.evidence[0]).toMatch(
      /^CurrentUser\.name written by GET \/me \(as carol\.json: null → "events-carol-7f1e"\)/,
    );
  }, 240_000);

  it('fits its text to the terminal and says each answer', async () => {
    const run = await runVerify(['--handler', fixture('clean/handler.ts'), '--front-door', 'http'], 72);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.every((line) => line.length <= 72)).toBe(true);
    expect(run.stdout).toMatch(/^1\. Lossless mapping +yes$/m);
    expect(run.stdout).toMatch(/^2\. Bootstrap once +yes$/m);
    expect(run.stdout).toMatch(/^3\. No request state outlives its request +yes$/m);
    expect(run.stdout).toMatch(/why: lesson 7\. Request scope/);
    expect(lines.at(-1)).toBe('All three answers are yes.');
  }, 240_000);

  it('asks only the questions --question names, numbered as in the source document', async () => {
    const run = await runVerify(['--handler', fixture('nest-per-call/handler.ts'), '--question', 'bootstrap'], 72);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^2\. Bootstrap once +no$/m);
    expect(run.stdout).not.toMatch(/^[13]\. /m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('The answer is no.');
  }, 240_000);
});

describe('lab verify on what it cannot verify: one line, exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'a file that is not there',
      ['--handler', fixture('bad/nothing.js')],
      /is not a file: pass your built handler module/,
    ],
    [
      'a module that does not load',
      ['--handler', fixture('bad/does-not-load.mjs')],
      /does not load \(Cannot find module/,
    ],
    ['a handler without Nest', ['--handler', fixture('bad/not-nest.mjs')], /is not a Nest app the lab can see/],
    [
      'an export that is not there',
      ['--handler', fixture('bad/not-nest.mjs'), '--export', 'nope'],
      /no function export "nope": pass .*--export/,
    ],
    ['a Nest app without routes', ['--handler', fixture('bad/no-routes.ts')], /the Nest app has no routes/],
    [
      'a database the lab cannot reach',
      ['--handler', fixture('bad/needs-database.ts')],
      /needs a database the lab cannot reach \(connect ECONNREFUSED 127\.0\.0\.1:9\): pass its URL/,
    ],
    [
      'an unknown front door',
      ['--handler', fixture('clean/handler.ts'), '--front-door', 'sqs'],
      /--front-door "sqs": expected rest, http, url or alb/,
    ],
    [
      'an unknown question',
      ['--handler', fixture('clean/handler.ts'), '--question', 'speed'],
      /--question "speed": expected mapping, bootstrap or state/,
    ],
    [
      'an identity that is no header',
      ['--handler', fixture('clean/handler.ts'), '--identity', 'alice'],
      /--identity: expected <header>=<value>/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(
      what,
      async () => {
        // A terminal wide enough for the message: at 100 columns it is folded at words like any
        // other line (lab/cli/layout.ts), and this counts messages, not the terminal's rows.
        const run = await runVerify(args, 1000);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      },
      120_000,
    );
  }
});
