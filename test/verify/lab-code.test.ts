// `lab verify` on the lab's own code (issue 17's acceptance): the lab's handler, the leak
// scenario's variants, and the exercises whose bug is one of the three questions. They run on
// the test run's PostgreSQL (the lab's own code reads DATABASE_URL, as `lab invoke` gives it).
// Past the first case each run asks only the question its code is about (`--question`): the
// other two are asked of the same kinds of code in fixtures.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { answerOf, runVerify } from './run-verify.ts';

beforeAll(() => {
  process.env.DATABASE_URL = inject('databaseUrl');
});

describe("lab verify on the lab's own code", () => {
  it("answers yes three times for the lab's handler (lab/handler.ts)", async () => {
    const run = await runVerify(['--handler', 'lab/handler.ts', '--json']);
    const report = JSON.parse(run.stdout) as { answers: Array<{ id: string; verdict: string; evidence: string[] }> };
    expect(report.answers.map((a) => `${a.id} ${a.verdict} ${a.verdict === 'no' ? a.evidence[0] : ''}`.trim())).toEqual(
      ['lossless-mapping yes', 'bootstrap-once yes', 'request-state yes'],
    );
    expect(run.code).toBe(0);
  }, 300_000);

  it('fails question 3 for the leak scenario, naming CurrentUser.name; the fixed variant passes it', async () => {
    const buggy = answerOf(
      await runVerify([
        '--handler',
        'lab/variants/leak/buggy/handler.ts',
        '--front-door',
        'http',
        '--question',
        'state',
        '--json',
      ]),
      'request-state',
    );
    expect(buggy.verdict).toBe('no');
    expect(buggy.evidence[0]).toMatch(/^CurrentUser\.name written by GET \/me/);
    const fixed = answerOf(
      await runVerify([
        '--handler',
        'lab/variants/leak/fixed/handler.ts',
        '--front-door',
        'http',
        '--question',
        'state',
        '--json',
      ]),
      'request-state',
    );
    expect(fixed.verdict).toBe('yes');
  }, 300_000);

  it("fails question 2 for exercise 01's starter (Nest per call) with the count; its solution passes it", async () => {
    const starter = answerOf(
      await runVerify([
        '--handler',
        'lab/exercises/01-cache-the-bootstrap/handler.ts',
        '--front-door',
        'http',
        '--question',
        'bootstrap',
        '--json',
      ]),
      'bootstrap-once',
    );
    expect(starter.verdict).toBe('no');
    expect(starter.evidence[0]).toMatch(/^NestFactory\.create ran 5× in 5 warm calls/);
    const solution = answerOf(
      await runVerify([
        '--handler',
        'lab/solutions/01-cache-the-bootstrap/handler.ts',
        '--front-door',
        'http',
        '--question',
        'bootstrap',
        '--json',
      ]),
      'bootstrap-once',
    );
    expect(solution.verdict).toBe('yes');
  }, 600_000);

  it("fails question 1 for exercise 06's starter (default options), naming the losses; its solution passes it", async () => {
    const starter = answerOf(
      await runVerify([
        '--handler',
        'lab/exercises/06-event-mapping/handler.ts',
        '--front-door',
        'rest,http',
        '--question',
        'mapping',
        '--json',
      ]),
      'lossless-mapping',
    );
    expect(starter.verdict).toBe('no');
    const rules = (starter.detail.losses as Array<{ rule: string }>).map((l) => l.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['binary-response-corrupted', 'stage-in-path', 'cookie-joined-with-comma']),
    );
    const solution = answerOf(
      await runVerify([
        '--handler',
        'lab/solutions/06-event-mapping/handler.ts',
        '--front-door',
        'rest,http',
        '--question',
        'mapping',
        '--json',
      ]),
      'lossless-mapping',
    );
    expect(solution.verdict).toBe('yes');
  }, 600_000);
});
