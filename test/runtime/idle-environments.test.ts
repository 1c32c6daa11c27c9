// Idle environments on a laptop: frozen between calls and said to be, listed whoever made their
// function, and stopped after LAB_IDLE_REAP_MS idle (5 min unless set), so a pass through the
// lessons does not keep every environment it ever started.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { DEFAULT_IDLE_REAP_MS, functionConfig, idleReapMs } from '../../lab/runtime/function-config.ts';
import { liveFunctions, type LocalFunction } from '../../lab/runtime/local-function.ts';
import { alive, until } from '../support/processes.ts';
import { fixtureFunction, sleep } from './helpers.ts';

let fns: LocalFunction[] = [];
afterEach(async () => {
  await Promise.all(fns.map((fn) => fn.shutdown()));
  fns = [];
});

function made(fn: LocalFunction): LocalFunction {
  fns.push(fn);
  return fn;
}

describe('idle environments', () => {
  it('are frozen between calls, and containerInfo says frozen (a Managed Instances one stays idle)', async () => {
    const onDemand = made(fixtureFunction('counter'));
    const managed = made(fixtureFunction('counter', { perExecutionEnvironmentMaxConcurrency: 2 }));
    await Promise.all([onDemand.invoke({}), managed.invoke({})]);
    const [frozen] = onDemand.containerInfo();
    expect(frozen!.state).toBe('frozen');
    expect(/^State:\s+T/m.test(await procStatus(frozen!.pid!))).toBe(true);
    expect(managed.containerInfo()[0]!.state).toBe('idle');
  });

  it('are listed by liveFunctions() until their function shuts down, and again once it is invoked', async () => {
    const fn = made(fixtureFunction('counter'));
    expect(liveFunctions()).toContain(fn);
    await fn.shutdown();
    expect(liveFunctions()).not.toContain(fn);
    await fn.invoke({});
    expect(liveFunctions()).toContain(fn);
  });

  it('are stopped once idle longer than the reap time, counted from the end of their last call', async () => {
    const fn = made(fixtureFunction('counter', { idleReapMs: 1_000 }));
    const managed = made(fixtureFunction('counter', { idleReapMs: 1_000, perExecutionEnvironmentMaxConcurrency: 2 }));
    const first = await fn.invoke({});
    await managed.invoke({});
    const pid = fn.containerInfo()[0]!.pid!;
    await sleep(600);
    // Used again before the reap time: the clock starts over (a Managed Instances one too).
    expect((await fn.invoke({})).containerId).toBe(first.containerId);
    await managed.invoke({});
    await sleep(600);
    expect(fn.containerInfo()).toHaveLength(1);
    expect(managed.containerInfo()).toHaveLength(1);
    expect(await until(() => fn.containerInfo().length === 0 && managed.containerInfo().length === 0, 10_000)).toBe(
      true,
    );
    expect(await until(() => !alive(pid))).toBe(true);
    expect((await fn.invoke({})).coldStart).toBe(true);
  });

  it('reap after 5 minutes unless LAB_IDLE_REAP_MS says otherwise; a bad value says what is allowed', () => {
    expect(DEFAULT_IDLE_REAP_MS).toBe(300_000);
    expect(idleReapMs({})).toBe(300_000);
    expect(idleReapMs({ LAB_IDLE_REAP_MS: '60000' })).toBe(60_000);
    expect(() => idleReapMs({ LAB_IDLE_REAP_MS: 'soon' })).toThrow(
      'LAB_IDLE_REAP_MS must be a whole number of milliseconds from 1000 to 86400000 (got "soon"): unset it for 5 minutes.',
    );
    expect(() => idleReapMs({ LAB_IDLE_REAP_MS: '10' })).toThrow(/from 1000/);
    const before = process.env.LAB_IDLE_REAP_MS;
    process.env.LAB_IDLE_REAP_MS = '120000';
    try {
      expect(functionConfig({ handlerPath: '/x.mjs' }).idleReapMs).toBe(120_000);
      expect(functionConfig({ handlerPath: '/x.mjs', idleReapMs: 5_000 }).idleReapMs).toBe(5_000);
    } finally {
      if (before === undefined) delete process.env.LAB_IDLE_REAP_MS;
      else process.env.LAB_IDLE_REAP_MS = before;
    }
  });
});

describe('LAB_IDLE_REAP_MS', () => {
  it('that is not a number of milliseconds stops any lab command in one line, exit 2', () => {
    const run = spawnSync(process.execPath, ['bin/lab.mjs', 'events'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LAB_IDLE_REAP_MS: '5m' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'lab: LAB_IDLE_REAP_MS must be a whole number of milliseconds from 1000 to 86400000 (got "5m"): unset it for 5 minutes.\n',
    );
  });
});

async function procStatus(pid: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(`/proc/${pid}/status`, 'utf8');
}
