import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../../lab/front-doors/door-runs.ts';
import { requestEvent } from '../../lab/front-doors/events.ts';
import { jsonLines, runLab } from '../cli/run-lab.ts';

// `lab invoke` ends with what the client of the event's front door got, and --front-door reads
// it through another door that carries the event: the same thrown error is REST's 502
// (services-apigateway-errors.html) and an HTTP API's 500 (http-api-troubleshooting-lambda.html).

let restThrows: string;
let albNormal: string;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-doors-'));
  restThrows = join(dir, 'rest-throws.json');
  albNormal = join(dir, 'alb-normal.json');
  await writeFile(restThrows, JSON.stringify(requestEvent({ door: 'rest' }, { method: 'GET', path: '/throws' })));
  await writeFile(albNormal, JSON.stringify(requestEvent({ door: 'alb' }, { method: 'GET', path: '/normal' })));
});

describe('lab invoke --front-door', () => {
  it('--json: a client field, the door of the event by default', async () => {
    const run = await runLab(['invoke', restThrows, '--handler', FIXTURE, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({
      status: 'error',
      errorType: 'Error',
      client: { door: 'rest', statusCode: 502, body: '{"message":"Internal server error"}', answeredBy: 'door' },
    });
  }, 60_000);

  it('through an HTTP API on payload 1.0 the same error is a 500', async () => {
    const run = await runLab(['invoke', restThrows, '--handler', FIXTURE, '--front-door', 'http', '--json']);
    expect(jsonLines(run.stdout)[0]).toMatchObject({
      client: { door: 'http', statusCode: 500, body: '{"message":"Internal Server Error"}' },
    });
  }, 60_000);

  it('text: the last line names the door and what its client got', async () => {
    const run = await runLab(['invoke', albNormal, '--handler', FIXTURE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('client through the ALB (--front-door alb): 200 {"ok":true}');
  }, 60_000);

  it('an event that is not HTTP has no door: --front-door is one line, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-doors-'));
    const sqs = join(dir, 'sqs.json');
    await writeFile(sqs, JSON.stringify({ Records: [{ eventSource: 'aws:sqs' }] }));
    const run = await runLab(['invoke', sqs, '--handler', FIXTURE, '--front-door', 'rest']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not an HTTP request, so no front door carries it/);
  }, 60_000);
});

describe("lab invoke: the door's clock", () => {
  it('an invocation longer than --gateway-timeout is the door timeout: REST 504 (observed: serverless/serverless#3171)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-doors-'));
    const slow = join(dir, 'rest-slow.json');
    await writeFile(
      slow,
      JSON.stringify(requestEvent({ door: 'rest' }, { method: 'GET', path: '/timeout', query: { ms: '400' } })),
    );
    const run = await runLab(['invoke', slow, '--handler', FIXTURE, '--gateway-timeout', '100', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({
      status: 'ok',
      client: { door: 'rest', statusCode: 504, body: '{"message":"Endpoint request timed out"}', case: 'door-timeout' },
    });
  }, 60_000);
});
