import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_PATTERN } from '../../lab/runtime/log-lines.ts';
import { jsonLines, runLab } from './run-lab.ts';

describe('lab invoke', () => {
  it('prints one JSON line per invocation: cold, then warm on the same container', async () => {
    const run = await runLab(['invoke', 'apigw-v2-get', '--repeat', '3', '--json']);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    const [cold, warm1, warm2] = lines as Array<{
      coldStart: boolean;
      initDurationMs: number | null;
      containerId: string;
      report: string;
      status: string;
    }>;
    expect(cold!.coldStart).toBe(true);
    expect(cold!.initDurationMs).toBeGreaterThan(0);
    for (const warm of [warm1!, warm2!]) {
      expect(warm).toMatchObject({
        coldStart: false,
        initDurationMs: null,
        containerId: cold!.containerId,
        status: 'ok',
      });
    }
    for (const line of lines) expect(line.report).toMatch(REPORT_PATTERN);
    // Logs go to stderr, so stdout stays machine-readable.
    expect(run.stderr).toContain('START RequestId:');
  });

  it('spreads --concurrency 3 over three cold containers', async () => {
    await runLab(['recycle']);
    const run = await runLab(['invoke', 'health', '--concurrency', '3', '--json']);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.containerId)).size).toBe(3);
    expect(lines.every((l) => l.coldStart === true)).toBe(true);
  });

  it('shows a learner COLD then WARM with the response', async () => {
    await runLab(['recycle']);
    const run = await runLab(['invoke', 'users-alice', '--repeat', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/COLD {2}container [0-9a-f]{8} {2}init \d+\.\d\d ms/);
    expect(run.stdout).toMatch(/WARM {2}container [0-9a-f]{8} {2}duration/);
    expect(run.stdout).toContain('"name": "alice"');
    expect(run.stdout).toMatch(/^REPORT RequestId: .*Init Duration/m);
  });

  it('accepts an event file with a UTF-8 BOM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-'));
    const file = join(dir, 'bom.json');
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/health',
      rawQueryString: '',
      headers: { host: 'lab' },
      requestContext: {
        http: { method: 'GET', path: '/health', sourceIp: '127.0.0.1' },
        requestId: 'r1',
        stage: '$default',
      },
      isBase64Encoded: false,
    };
    await writeFile(file, '\uFEFF' + JSON.stringify(event));
    const run = await runLab(['invoke', file, '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({ status: 'ok', result: { statusCode: 200 } });
  });

  describe('bad input: one line, exit code 2, no stack trace', () => {
    const cases: Array<[string, () => Promise<string>, RegExp]> = [
      [
        'an unknown sample',
        async () => 'no-such-sample',
        /^lab: No sample or file named "no-such-sample"\. Run "lab events"/,
      ],
      ['a missing file', async () => './missing/event.json', /^lab: No file at \.\/missing\/event\.json/],
      ['a file that is not JSON', async () => tempFile('{ "oops": ', 'broken.json'), /is not JSON \(/],
      [
        'JSON that is no event',
        async () => tempFile('{"hello":"world"}', 'odd.json'),
        /is JSON but no event the adapter knows/,
      ],
    ];
    for (const [name, make, pattern] of cases) {
      it(name, async () => {
        const run = await runLab(['invoke', await make()]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr.trim()).toMatch(pattern);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      });
    }

    it('a bad option value', async () => {
      const run = await runLab(['invoke', 'health', '--repeat', 'many']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('expected a whole number from 1 to 1000');
    });
  });
});

async function tempFile(content: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('lab invoke --handler: any handler through the same local Lambda', () => {
  const fixtures = fileURLToPath(new URL('../runtime/fixtures/', import.meta.url));

  it('runs a .mjs handler with any JSON event, warm on the second call', async () => {
    const event = await tempFile(JSON.stringify({ Records: [{ body: 'a' }, { body: 'b' }] }), 'sqs.json');
    const run = await runLab([
      'invoke',
      event,
      '--handler',
      join(fixtures, 'any-event.mjs'),
      '--repeat',
      '2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const [cold, warm] = jsonLines(run.stdout);
    expect(cold).toMatchObject({ status: 'ok', coldStart: true, result: { records: 2, handler: 'any-event.handler' } });
    expect(warm).toMatchObject({ status: 'ok', coldStart: false, containerId: cold!.containerId });
  });

  it('compiles a .ts handler as the lab compiles its app: Nest DI through decorator metadata', async () => {
    const event = await tempFile('{"name":"ada"}', 'ada.json');
    const run = await runLab(['invoke', event, '--handler', join(fixtures, 'nest-di.ts'), '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({ status: 'ok', result: { greeting: 'hello ada at tick' } });
  });

  it('reports a missing export with the runtime client error type (UserFunction.js)', async () => {
    const event = await tempFile('{}', 'empty.json');
    const run = await runLab([
      'invoke',
      event,
      '--handler',
      join(fixtures, 'commonjs.cjs'),
      '--export',
      'nope',
      '--json',
    ]);
    expect(jsonLines(run.stdout)[0]).toMatchObject({
      status: 'error',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'commonjs.nope is undefined or not exported',
    });
  });
});

describe('lab invoke --per-env-concurrency: Lambda Managed Instances', () => {
  const fixtures = fileURLToPath(new URL('../runtime/fixtures/', import.meta.url));

  // lambda-managed-instances-nodejs-runtime.html: worker threads, AWS_LAMBDA_NODEJS_WORKER_COUNT.
  it('serves concurrent calls in one environment on the worker threads asked for, each record naming its worker', async () => {
    const event = await tempFile('{"ms":300}', 'slow.json');
    const args = ['invoke', event, '--handler', join(fixtures, 'worker-state.mjs'), '--json'];
    const run = await runLab([...args, '--per-env-concurrency', '4', '--workers', '2', '--concurrency', '4']);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout) as Array<{
      containerId: string;
      worker: number;
      result: { threadId: number };
    }>;
    expect(records).toHaveLength(4);
    expect(new Set(records.map((r) => r.containerId)).size).toBe(1);
    for (const r of records) expect(r.worker).toBe(r.result.threadId);
  });

  it('--workers alone is a usage error (exit 2)', async () => {
    const run = await runLab(['invoke', 'health', '--workers', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--per-env-concurrency/);
  });
});

describe('lab invoke --init-timeout (lab only: lowers the 10 s init limit for a demo)', () => {
  // Source: AWS docs, lambda-runtime-environment.html, "Init phase": an init over the limit is
  // retried at the first invocation under the function timeout.
  it('shows INIT_REPORT Status: timeout, then a suppressed init inside the first invoke', async () => {
    const handler = await tempFile(
      'await new Promise((r) => setTimeout(r, 300));\nexport const handler = async () => ({ up: true });\n',
      'slow.mjs',
    );
    const event = await tempFile('{}', 'empty.json');
    const run = await runLab(['invoke', event, '--handler', handler, '--init-timeout', '100', '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({
      status: 'ok',
      coldStart: true,
      initDurationMs: null,
      suppressedInit: true,
      result: { up: true },
    });
    expect(run.stderr).toContain('INIT_REPORT Init Duration: 100.00 ms\tPhase: init\tStatus: timeout');
  });
});
