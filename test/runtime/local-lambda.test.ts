import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../lab/db/processes.ts';
import { REPORT_PATTERN } from '../../lab/runtime/log-lines.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction, sleep } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

describe('the local Lambda', () => {
  it('keeps module globals across warm calls in one container', async () => {
    fn = fixtureFunction('counter');
    const first = await fn.invoke({});
    const second = await fn.invoke({});
    expect(first).toMatchObject({ coldStart: true, status: 'ok', result: { calls: 1 } });
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second).toMatchObject({
      coldStart: false,
      initDurationMs: null,
      containerId: first.containerId,
      result: { calls: 2 },
    });
    expect(first.report).toMatch(REPORT_PATTERN);
    expect(first.report).toContain('Init Duration:');
    expect(second.report).toMatch(REPORT_PATTERN);
    expect(second.report).not.toContain('Init Duration');
  });

  it('runs each container as its own OS process', async () => {
    fn = fixtureFunction('counter');
    const [a, b, c] = await Promise.all([fn.invoke({}), fn.invoke({}), fn.invoke({})]);
    const pids = new Set([a, b, c].map((r) => (r.result as { pid: number }).pid));
    expect(pids.size).toBe(3);
    expect(new Set([a, b, c].map((r) => r.containerId)).size).toBe(3);
    expect([a, b, c].every((r) => r.coldStart)).toBe(true);
    expect(pids.has(process.pid)).toBe(false);
  });

  it('throttles calls beyond the reserved concurrency', async () => {
    fn = fixtureFunction('sleepy', { reservedConcurrency: 2 });
    const records = await Promise.all([fn.invoke({ ms: 300 }), fn.invoke({ ms: 300 }), fn.invoke({ ms: 300 })]);
    const statuses = records.map((r) => r.status).sort();
    expect(statuses).toEqual(['ok', 'ok', 'throttled']);
    expect(records.find((r) => r.status === 'throttled')).toMatchObject({
      errorType: 'TooManyRequestsException',
      containerId: null,
    });
  });

  it('kills a container at its timeout, and the next call is cold in a new one', async () => {
    fn = fixtureFunction('sleepy', { timeoutMs: 300 });
    const warm = await fn.invoke({ ms: 0 });
    const pid = (warm.result as { pid: number }).pid;
    const late = await fn.invoke({ ms: 5_000 });
    expect(late).toMatchObject({
      status: 'timeout',
      errorMessage: 'Task timed out after 0.30 seconds',
      durationMs: 300,
    });
    expect(late.report).toContain('Status: timeout');

    // The record comes back once SIGKILL is sent; the process is gone when Node has reaped it,
    // which on a loaded machine takes longer than a fixed 50 ms.
    const deadline = Date.now() + 3_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(20);
    expect(isAlive(pid)).toBe(false);
    const next = await fn.invoke({ ms: 0 });
    expect(next.coldStart).toBe(true);
    expect(next.containerId).not.toBe(warm.containerId);
  });

  it('measures the memory of a cold call that times out from the killed process', async () => {
    fn = fixtureFunction('sleepy', { timeoutMs: 300 });
    const late = await fn.invoke({ ms: 5_000 });
    expect(late.status).toBe('timeout');
    expect(late.maxMemoryUsedMb).toBeGreaterThan(20);
    expect(late.report).toMatch(/Max Memory Used: [1-9]\d* MB/);
  });

  it('gives the handler a real context with the remaining time', async () => {
    fn = fixtureFunction('sleepy', { timeoutMs: 2_000 });
    const record = await fn.invoke({ ms: 100 });
    const remaining = (record.result as { remainingMs: number }).remainingMs;
    expect(remaining).toBeLessThanOrEqual(1_900);
    expect(remaining).toBeGreaterThan(1_500);
  });

  it('reports Runtime.ExitError when the process exits, then starts cold', async () => {
    fn = fixtureFunction('crashy');
    const first = await fn.invoke({});
    const crashed = await fn.invoke({ exit: true });
    expect(crashed).toMatchObject({
      status: 'error',
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with error: exit status 3',
    });
    const after = await fn.invoke({});
    expect(after.coldStart).toBe(true);
    expect(after.containerId).not.toBe(first.containerId);
  });

  it('treats an uncaught exception as a crash of the environment', async () => {
    fn = fixtureFunction('crashy');
    const crashed = await fn.invoke({ uncaught: true });
    // The runtime client posts the uncaught error as the invoke's answer, then exits (Runtime.js).
    expect(crashed).toMatchObject({ status: 'error', errorType: 'Error', errorMessage: 'boom from a timer' });
    expect(crashed.report).toContain('Error Type: Runtime.ExitError');
    expect(crashed.logs.join('\n')).toContain('boom from a timer');
    expect((await fn.invoke({})).coldStart).toBe(true);
  });

  it('keeps the container warm when the handler throws', async () => {
    fn = fixtureFunction('crashy');
    const first = await fn.invoke({});
    const failed = await fn.invoke({ throws: true });
    expect(failed).toMatchObject({
      status: 'error',
      errorType: 'TypeError',
      errorMessage: 'bad input from the handler',
      containerId: first.containerId,
    });
    const after = await fn.invoke({});
    expect(after).toMatchObject({ coldStart: false, containerId: first.containerId });
  });

  it('freezes the container between calls: a module timer does not advance', async () => {
    fn = fixtureFunction('ticker');
    const before = (await fn.invoke({})).result as { ticks: number };
    await sleep(600);
    const after = (await fn.invoke({})).result as { ticks: number };
    // 600 ms of a 10 ms interval would be ~60 ticks if the process were running; thawed,
    // overdue timers fire once.
    expect(after.ticks - before.ticks).toBeLessThanOrEqual(3);
  });

  // Container.freeze(): the SIGSTOP waits for the end of the host's turn, so a call sent in that
  // turn finds the environment running (Lambda: an event already waiting is handed over without
  // a freeze); an environment left idle is stopped right after (the kernel applies the stop when
  // it next schedules the process, so the state is polled).
  it('stops an environment left idle once the host turn ends, and serves back-to-back calls', async () => {
    fn = fixtureFunction('counter');
    const first = await fn.invoke({});
    const pid = (first.result as { pid: number }).pid;
    const stopped = async () => {
      for (let i = 0; i < 100; i++) {
        if (/State:\s+T/.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return true;
        await sleep(10);
      }
      return false;
    };
    expect(await stopped()).toBe(true);
    const [second, third] = [await fn.invoke({}), await fn.invoke({})];
    expect([second.result, third.result]).toMatchObject([{ calls: 2 }, { calls: 3 }]);
    expect(await stopped()).toBe(true);
  });

  it('fails init for a callback handler (nodejs24.x)', async () => {
    fn = fixtureFunction('callback');
    const record = await fn.invoke({});
    expect(record).toMatchObject({ status: 'error', errorType: 'Runtime.CallbackHandlerDeprecated', coldStart: true });
    expect(record.errorMessage).toMatch(/callback-based function handlers/);
    expect(fn.containerInfo()).toHaveLength(0);
  });

  it('prints CloudWatch lines: INIT_START, init output, START, the function lines with the request id, END, REPORT', async () => {
    fn = fixtureFunction('logger');
    const record = await fn.invoke({ n: 7 });
    const logs = record.logs.slice(1);
    expect(record.logs[0]).toMatch(/^INIT_START Runtime Version: /);
    expect(logs[0]).toMatch(/\tINFO\tinit: loading the module$/);
    expect(logs[1]).toBe(`START RequestId: ${record.requestId} Version: $LATEST`);
    expect(logs[2]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${record.requestId}\\tINFO\\thandling 7$`));
    expect(logs[3]).toMatch(/\tERROR\ta warning line$/);
    expect(logs.at(-2)).toBe(`END RequestId: ${record.requestId}`);
    expect(logs.at(-1)).toBe(record.report);
  });

  it('measures memory from the real process', async () => {
    fn = fixtureFunction('counter', { memoryMb: 256 });
    const record = await fn.invoke({});
    expect(record.memorySizeMb).toBe(256);
    expect(record.maxMemoryUsedMb).toBeGreaterThan(20);
    expect(record.maxMemoryUsedMb).toBeLessThan(256);
  });

  it('serves overlapping requests in one environment with perExecutionEnvironmentMaxConcurrency > 1', async () => {
    fn = fixtureFunction('sleepy', { perExecutionEnvironmentMaxConcurrency: 4 });
    await fn.invoke({ ms: 0 });
    const records = await Promise.all([fn.invoke({ ms: 200 }), fn.invoke({ ms: 200 }), fn.invoke({ ms: 200 })]);
    expect(new Set(records.map((r) => r.containerId)).size).toBe(1);
    expect(records.every((r) => !r.coldStart)).toBe(true);
  });
});

describe('deploying a new version', () => {
  it('lets a busy environment finish its call, then retires it; the next call is cold on the new code', async () => {
    const { fixture } = await import('./helpers.ts');
    fn = fixtureFunction('sleepy');
    const idle = await fn.invoke({ ms: 0 });
    const busy = fn.invoke({ ms: 300 });
    await sleep(50);
    await fn.deploy(fixture('counter'));
    const finished = await busy;
    expect(finished.status).toBe('ok');
    expect((finished.result as { sleptMs: number }).sleptMs).toBeGreaterThanOrEqual(290);
    const next = await fn.invoke({});
    expect(next).toMatchObject({ coldStart: true, status: 'ok', result: { calls: 1 } });
    await sleep(50);
    expect(isAlive((idle.result as { pid: number }).pid)).toBe(false);
    expect(isAlive((finished.result as { pid: number }).pid)).toBe(false);
    expect(fn.containerInfo().map((c) => c.containerId)).toEqual([next.containerId]);
  });
});

describe('container processes never outlive their host', () => {
  it('a host killed with SIGKILL leaves frozen containers that the next host sweeps', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const script = fileURLToPath(new URL('./fixtures/host-that-dies.ts', import.meta.url));
    const host = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) =>
      host.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
    expect(isAlive(pid)).toBe(true);
    host.kill('SIGKILL');
    await new Promise((resolve) => host.once('exit', resolve));
    await sleep(100);
    // Frozen (SIGSTOP), it cannot notice its host is gone.
    expect(isAlive(pid)).toBe(true);
    const { sweepOrphans } = await import('../../lab/runtime/orphans.ts');
    expect(sweepOrphans()).toBeGreaterThanOrEqual(1);
    await sleep(100);
    expect(isAlive(pid)).toBe(false);
  });
});

describe('function announcements', () => {
  it('announces every function made in this process, so the lab server can trace scenario runs', async () => {
    const { onFunctionCreated } = await import('../../lab/runtime/local-function.ts');
    const seen: LocalFunction[] = [];
    const off = onFunctionCreated((f) => seen.push(f));
    fn = fixtureFunction('counter');
    await sleep(0);
    off();
    expect(seen).toContain(fn);
  });
});

describe('spans that outlive the init phase', () => {
  it('attaches a bootstrap started at module scope (not awaited) to the cold record', async () => {
    fn = fixtureFunction('unawaited-init');
    const cold = await fn.invoke({});
    const bootstrap = cold.spans.find((s) => s.name === 'init:nest-bootstrap');
    expect(bootstrap).toBeDefined();
    expect(bootstrap!.durationMs).toBeGreaterThanOrEqual(75);
    // It started during init, before the init phase ended.
    expect(bootstrap!.startMs).toBeLessThan(cold.initDurationMs!);
    const warm = await fn.invoke({});
    expect(warm.spans.some((s) => s.name === 'init:nest-bootstrap')).toBe(false);
  });
});
