import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { LabUsageError, type LabIO } from '../../lab/cli/io.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { runCommand } from '../../lab/cli/program.ts';
import { loadEvent } from '../../lab/events/index.ts';
import { invokeRemote } from '../../lab/remote/invoke-remote.ts';
import { startLambdaStandIn, type LambdaStandIn, type StandInAnswer } from '../support/lambda-stand-in.ts';

const REQUEST_ID = '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa';
const FAKE = { accessKeyId: 'AKIDSTANDINEXAMPLE', secretAccessKey: 'stand-in-secret' };

/** A cold call as Lambda logs it with the Text format (the lines' shapes: log-lines.ts, from AWS's pages). */
const COLD_TAIL = [
  'INIT_START Runtime Version: nodejs:24.v12\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:0123456789abcdef',
  `START RequestId: ${REQUEST_ID} Version: $LATEST`,
  `END RequestId: ${REQUEST_ID}`,
  `REPORT RequestId: ${REQUEST_ID}\tDuration: 41.27 ms\tBilled Duration: 42 ms\tMemory Size: 512 MB\tMax Memory Used: 101 MB\tInit Duration: 612.44 ms`,
];

let answer: (body: string) => StandInAnswer = () => ({ payload: null });
let standIn: LambdaStandIn;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  standIn = await startLambdaStandIn((invoke) => answer(invoke.body));
  home = await mkdtemp(join(tmpdir(), 'lab-remote-'));
});
afterEach(() => {
  standIn.received.length = 0;
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});
afterAll(async () => {
  await standIn.close();
  await rm(home, { recursive: true, force: true });
});

/** The SDK's whole configuration from the environment, pointed at the stand-in (or at nothing). */
function awsEnvironment(vars: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    // No instance metadata on a laptop: the SDK's last resort would wait for it otherwise.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...vars,
  });
}

function captureIO(): LabIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color: false,
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

describe('invokeRemote against a stand-in for the Lambda Invoke API', () => {
  it('sends a signed synchronous Invoke asking for the log tail, and builds the record from the REPORT', async () => {
    answer = () => ({
      payload: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' },
      logs: COLD_TAIL,
    });
    const { event } = await loadEvent('health');
    const record = await invokeRemote('boundary-lab', event, {
      endpoint: standIn.endpoint,
      region: 'eu-west-1',
      credentials: FAKE,
    });
    const [sent] = standIn.received;
    expect(sent).toMatchObject({ method: 'POST', path: '/2015-03-31/functions/boundary-lab/invocations' });
    expect(sent!.headers['x-amz-log-type']).toBe('Tail');
    expect(sent!.headers['x-amz-invocation-type']).toBe('RequestResponse');
    expect(sent!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTANDINEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=/,
    );
    expect(JSON.parse(sent!.body)).toEqual(event);
    expect(record).toMatchObject({
      requestId: REQUEST_ID,
      containerId: null,
      coldStart: true,
      suppressedInit: false,
      initDurationMs: 612.44,
      durationMs: 41.27,
      billedDurationMs: 42,
      memorySizeMb: 512,
      maxMemoryUsedMb: 101,
      status: 'ok',
      result: { statusCode: 200, body: '{"status":"ok"}' },
    });
    expect(record.logs).toEqual(COLD_TAIL);
    expect(record.report).toBe(COLD_TAIL[3]);
  });

  it("reads a timeout from the function's error and the REPORT's Status: timeout", async () => {
    answer = () => ({
      functionError: 'Unhandled',
      payload: {
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${REQUEST_ID} Error: Task timed out after 3.00 seconds`,
      },
      logs: [
        `START RequestId: ${REQUEST_ID} Version: $LATEST`,
        `2026-12-01T22:00:03.021Z ${REQUEST_ID} Task timed out after 3.00 seconds`,
        `END RequestId: ${REQUEST_ID}`,
        `REPORT RequestId: ${REQUEST_ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 512 MB\tMax Memory Used: 120 MB\tStatus: timeout`,
      ],
    });
    const record = await invokeRemote(
      'boundary-lab',
      {},
      { endpoint: standIn.endpoint, region: 'eu-west-1', credentials: FAKE },
    );
    expect(record).toMatchObject({
      status: 'timeout',
      coldStart: false,
      initDurationMs: null,
      errorType: 'Sandbox.Timedout',
      durationMs: 3000,
      result: null,
    });
  });

  it('reads the JSON log format: platform events in the tail', async () => {
    answer = () => ({
      payload: { statusCode: 204 },
      logs: [
        '{"time":"2026-12-01T22:00:00.000Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init"}}',
        `{"time":"2026-12-01T22:00:00.700Z","type":"platform.report","record":{"requestId":"${REQUEST_ID}","metrics":{"durationMs":12.5,"billedDurationMs":13,"memorySizeMB":512,"maxMemoryUsedMB":99,"initDurationMs":640.1},"status":"success"}}`,
      ],
    });
    const record = await invokeRemote(
      'boundary-lab',
      {},
      { endpoint: standIn.endpoint, region: 'eu-west-1', credentials: FAKE },
    );
    expect(record).toMatchObject({ status: 'ok', coldStart: true, initDurationMs: 640.1, durationMs: 12.5 });
  });

  it('reads a throttle (429 TooManyRequestsException) as a throttled record: the function never ran', async () => {
    answer = () => ({
      status: 429,
      errorType: 'TooManyRequestsException',
      payload: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
    });
    const record = await invokeRemote(
      'boundary-lab',
      {},
      { endpoint: standIn.endpoint, region: 'eu-west-1', credentials: FAKE },
    );
    expect(record).toMatchObject({
      status: 'throttled',
      errorType: 'TooManyRequestsException',
      errorMessage: 'Rate Exceeded. (ReservedFunctionConcurrentInvocationLimitExceeded)',
      coldStart: false,
      logs: [],
    });
    // One request, not retried: a retried invocation could run the function twice.
    expect(standIn.received).toHaveLength(1);
  });

  it('says in one line that a function does not exist', async () => {
    answer = () => ({
      status: 404,
      errorType: 'ResourceNotFoundException',
      payload: { Type: 'User', message: 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope' },
    });
    const attempt = invokeRemote('nope', {}, { endpoint: standIn.endpoint, region: 'eu-west-1', credentials: FAKE });
    await expect(attempt).rejects.toBeInstanceOf(LabUsageError);
    await expect(attempt).rejects.toThrow(
      'no function nope in this account and Region: deploy it with npm run deploy.',
    );
  });
});

describe('lab invoke --remote', () => {
  it("prints the real call in the lab's record format (AWS_ENDPOINT_URL_LAMBDA points the SDK at the stand-in)", async () => {
    answer = () => ({
      payload: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' },
      logs: COLD_TAIL,
    });
    awsEnvironment({
      AWS_ENDPOINT_URL_LAMBDA: standIn.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: FAKE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey,
    });
    const io = captureIO();
    const lab = new LabContext();
    const code = await runCommand(['invoke', 'health', '--remote', 'boundary-lab'], io, lab);
    await lab.close();
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toContain(COLD_TAIL[3]);
    expect(io.stdout).toContain('HTTP 200 application/json');
    expect(io.stdout).toMatch(/^COLD {2}init 612\.44 ms {2}duration 41\.27 ms {2}memory 101\/512 MB$/m);
  });

  it('without credentials: one line, exit 2', async () => {
    awsEnvironment({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_LAMBDA: standIn.endpoint });
    const io = captureIO();
    const lab = new LabContext();
    const code = await runCommand(['invoke', 'health', '--remote', 'boundary-lab'], io, lab);
    await lab.close();
    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('no AWS credentials for --remote');
    expect(standIn.received).toHaveLength(0);
  });

  it('without a Region: one line, exit 2', async () => {
    awsEnvironment({ AWS_ACCESS_KEY_ID: FAKE.accessKeyId, AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey });
    const io = captureIO();
    const lab = new LabContext();
    const code = await runCommand(['invoke', 'health', '--remote', 'boundary-lab'], io, lab);
    await lab.close();
    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('no AWS Region for --remote: pass --region <region>');
  });

  it('--concurrency sends that many calls at once to the function', async () => {
    answer = () => ({ payload: { statusCode: 200, body: '{}' }, logs: COLD_TAIL });
    awsEnvironment({
      AWS_ENDPOINT_URL_LAMBDA: standIn.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: FAKE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey,
    });
    const io = captureIO();
    const lab = new LabContext();
    const code = await runCommand(
      ['invoke', 'health', '--remote', 'boundary-lab', '--concurrency', '3', '--json'],
      io,
      lab,
    );
    await lab.close();
    expect(code).toBe(0);
    expect(io.stdout.trim().split('\n')).toHaveLength(3);
    expect(standIn.received).toHaveLength(3);
  });

  it('--compare without --remote is a mistake: one line, exit 2', async () => {
    const io = captureIO();
    const lab = new LabContext();
    const code = await runCommand(['invoke', 'health', '--compare'], io, lab);
    const both = captureIO();
    const concurrent = await runCommand(
      ['invoke', 'health', '--remote', 'x', '--compare', '--concurrency', '2'],
      both,
      lab,
    );
    await lab.close();
    expect(code).toBe(2);
    expect(io.stderr).toContain('--compare needs --remote <function name or ARN>.');
    expect(concurrent).toBe(2);
    expect(both.stderr).toContain('--compare runs one call at a time on each side');
  });

  it('--compare runs the lab and the function on the same event and prints both side by side', async () => {
    answer = () => ({ payload: { statusCode: 200, body: '{"status":"ok"}' }, logs: COLD_TAIL });
    awsEnvironment({
      AWS_ENDPOINT_URL_LAMBDA: standIn.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: FAKE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey,
      DATABASE_URL: inject('databaseUrl'),
    });
    const io = captureIO();
    const lab = new LabContext();
    try {
      const code = await runCommand(['invoke', 'health', '--remote', 'boundary-lab', '--compare', '--json'], io, lab);
      expect(io.stderr).not.toContain('lab:');
      expect(code).toBe(0);
      const { lab: local, aws } = JSON.parse(io.stdout.trim()) as Record<string, Record<string, unknown>>;
      expect(aws).toMatchObject({ initDurationMs: 612.44, status: 'ok' });
      // The lab's side is a real run in the lab's Lambda: cold, measured, with a container.
      expect(local).toMatchObject({ coldStart: true, status: 'ok', memorySizeMb: 512 });
      expect(local!.initDurationMs as number).toBeGreaterThan(0);
      expect(local!.containerId).toEqual(expect.any(String));

      const table = captureIO();
      expect(await runCommand(['invoke', 'health', '--remote', 'boundary-lab', '--compare'], table, lab)).toBe(0);
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^\s+lab\s+AWS Lambda$/);
      // The second lab call is warm; the stand-in answers cold every time.
      expect(lines).toContainEqual(expect.stringMatching(/^start\s+warm\s+cold$/));
      expect(lines).toContainEqual(expect.stringMatching(/^Init Duration\s+-\s+612\.44 ms$/));
      expect(lines).toContainEqual(expect.stringMatching(/^Duration\s+\d+\.\d\d ms\s+41\.27 ms$/));
      expect(lines).toContainEqual(expect.stringMatching(/^Max Memory Used\s+\d+\/512 MB\s+101\/512 MB$/));
      expect(lines).toContainEqual(expect.stringMatching(/^status\s+ok\s+ok$/));
    } finally {
      await lab.close();
    }
  });

  it('from a shell runs in the shell itself, with its own AWS settings, and starts no lab', async () => {
    answer = () => ({ payload: { statusCode: 200, body: '{}' }, logs: COLD_TAIL });
    const runDir = await mkdtemp(join(home, 'run-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      NO_COLOR: '1',
      LAB_RUN_DIR: runDir,
      AWS_ENDPOINT_URL_LAMBDA: standIn.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: FAKE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey,
    };
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'bin', 'lab.mjs'), 'invoke', 'health', '--remote', 'boundary-lab'],
        { env, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(COLD_TAIL[3]);
    // No lab was started for it: its run folder holds no lock, no socket.
    expect(await readdir(runDir)).toEqual([]);
  });
});
