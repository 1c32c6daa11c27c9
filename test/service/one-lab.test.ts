// The lab is a service: every shell command is a client of the checkout's one lab. From a
// shell with no lab running, two invokes are COLD then WARM on one container; `containers`
// lists it; `stop` leaves no process. A lab SIGKILLed mid-invoke costs the client one clear
// line, and the next command starts a fresh lab that cleans up after the dead one.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, pgrep, until } from '../support/processes.ts';
import { describe, expect, inject, it } from 'vitest';
import { servicePaths } from '../../lab/service/paths.ts';
import { jsonLines, runLab } from '../cli/run-lab.ts';
import { freshLabRunDir } from '../support/lab-runs.ts';
import { spawnStart } from '../server/spawn-start.ts';

/** An embedded PostgreSQL of the test's own (not the run's), so its processes can be counted. */
function ownDatabase(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'lab-one-pg-'));
  chmodSync(home, 0o755); // PostgreSQL runs as another user here: it must get through
  return { DATABASE_URL: '', LAB_PG_HOME: join(home, 'pg') };
}

function labPid(runDir: string): number {
  return (JSON.parse(readFileSync(servicePaths({ LAB_RUN_DIR: runDir }).state, 'utf8')) as { pid: number }).pid;
}

describe('one lab per checkout', () => {
  it('keeps a shell invoke warm for the next, lists it anywhere, and `stop` leaves no process', async () => {
    const env = ownDatabase();
    const runDir = freshLabRunDir();
    const first = await runLab(['invoke', 'health', '--json'], { env, runDir });
    const second = await runLab(['invoke', 'health', '--json'], { env, runDir });
    expect(first.code, first.stderr).toBe(0);
    const [cold] = jsonLines(first.stdout);
    const [warm] = jsonLines(second.stdout);
    expect(cold).toMatchObject({ coldStart: true });
    expect(warm).toMatchObject({ coldStart: false, containerId: cold!.containerId });

    const listed = jsonLines((await runLab(['containers', '--json'], { env, runDir })).stdout)[0] as unknown as Array<{
      containerId: string;
      pid: number;
      state: string;
    }>;
    expect(listed).toEqual([expect.objectContaining({ containerId: cold!.containerId, state: 'frozen' })]);
    const pid = labPid(runDir);
    expect(pgrep(env.LAB_PG_HOME!).length).toBeGreaterThan(0);

    const stopped = await runLab(['stop'], { env, runDir });
    expect(stopped.stdout).toContain(`lab stopped (pid ${pid})`);
    expect(alive(pid)).toBe(false);
    expect(alive(listed[0]!.pid)).toBe(false);
    expect(pgrep(env.LAB_PG_HOME!)).toEqual([]);
    expect((await runLab(['stop'], { env, runDir })).stdout).toContain('no lab is running for this checkout');
  }, 60_000);

  it('survives a SIGKILL of the lab mid-invoke: one clear line, then a fresh lab and no orphan', async () => {
    const env = ownDatabase();
    const runDir = freshLabRunDir();
    await runLab(['invoke', 'health'], { env, runDir });
    const deadPid = labPid(runDir);
    const oldPostgres = pgrep(env.LAB_PG_HOME!);
    // A call that takes 20 s in PostgreSQL (pg_sleep), so it is surely mid-invoke at the kill.
    const event = JSON.parse(readFileSync('lab/events/samples/reports-slow.json', 'utf8')) as {
      rawQueryString: string;
    };
    event.rawQueryString = 'ms=20000';
    const eventFile = join(mkdtempSync(join(tmpdir(), 'lab-slow-')), 'slow.json');
    writeFileSync(eventFile, JSON.stringify(event));
    const slow = runLab(['invoke', eventFile, '--timeout', '30000'], { env, runDir });
    // The slow call has reached its container (a busy environment) when `containers` says so.
    let busy: Array<{ pid: number; state: string }> = [];
    await until(() => {
      const out = execFileSync(process.execPath, ['bin/lab.mjs', 'containers', '--json'], {
        env: { ...process.env, ...env, LAB_RUN_DIR: runDir },
        encoding: 'utf8',
      });
      busy = JSON.parse(out) as typeof busy;
      return busy.some((c) => c.state === 'busy');
    });
    process.kill(deadPid, 'SIGKILL');
    const cut = await slow;
    expect(cut.code).toBe(1);
    expect(cut.stderr.trim().split('\n').at(-1)).toMatch(
      /^lab: the lab stopped in the middle of this command .*run the command again/,
    );

    const next = await runLab(['invoke', 'health', '--json'], { env, runDir });
    expect(next.code, next.stderr).toBe(0);
    expect(jsonLines(next.stdout)[0]).toMatchObject({ status: 'ok', coldStart: true });
    expect(labPid(runDir)).not.toBe(deadPid);
    for (const c of busy) expect(alive(c.pid), `container ${c.pid} of the dead lab`).toBe(false);
    for (const pg of oldPostgres) expect(alive(pg), `postgres ${pg} of the dead lab`).toBe(false);
    await runLab(['stop'], { env, runDir });
    expect(pgrep(env.LAB_PG_HOME!)).toEqual([]);
  }, 90_000);

  it('ends the frozen containers of a SIGKILLed lab when the next lab starts, before any invoke', async () => {
    const runDir = freshLabRunDir();
    const env = { DATABASE_URL: inject('databaseUrl') };
    await runLab(['invoke', 'health'], { env, runDir });
    const listed = JSON.parse(
      execFileSync(process.execPath, ['bin/lab.ts', 'containers', '--json'], {
        env: { ...process.env, ...env, LAB_RUN_DIR: runDir },
        encoding: 'utf8',
      }),
    ) as Array<{ pid: number }>;
    expect(listed.length).toBeGreaterThan(0);
    // Frozen (SIGSTOPped), a container cannot notice its host die. (Not checked after the kill:
    // any lab of this checkout starting meanwhile, another test file's, sweeps it at once.)
    for (const c of listed) expect(alive(c.pid)).toBe(true);
    process.kill(labPid(runDir), 'SIGKILL');
    // `containers` starts a lab and invokes nothing.
    const next = await runLab(['containers'], { env, runDir });
    expect(next.code, next.stderr).toBe(0);
    for (const c of listed) expect(alive(c.pid), `container ${c.pid} of the dead lab`).toBe(false);
    await runLab(['stop'], { env, runDir });
  }, 60_000);

  it('recovers a stale lock and socket from a SIGKILLed lab without a word', async () => {
    const runDir = freshLabRunDir();
    const paths = servicePaths({ LAB_RUN_DIR: runDir });
    // A dead pid's lock, and a socket file nobody listens on.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    execFileSync('mkdir', ['-p', runDir]);
    writeFileSync(paths.lock, JSON.stringify({ pid: dead.pid, startTime: '1' }));
    // What a killed lab leaves: its socket file, with no one listening.
    writeFileSync(paths.socket, '');
    const run = await runLab(['invoke', 'health', '--json'], { runDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/^lab:/m);
    await runLab(['stop'], { runDir });
  }, 60_000);

  it('runs two clients at once, a check and an invoke, to the end', async () => {
    const runDir = freshLabRunDir();
    const [check, invoke] = await Promise.all([
      runLab(['check', '01'], { runDir }),
      runLab(['invoke', 'health', '--repeat', '3', '--json'], { runDir }),
    ]);
    expect(invoke.code, invoke.stderr).toBe(0);
    expect(jsonLines(invoke.stdout)).toHaveLength(3);
    // The starter fails its check: a verdict, not a crash.
    expect(check.stdout + check.stderr).toMatch(/01-cache-the-bootstrap/);
    expect(check.stderr).not.toMatch(/internal error|stopped in the middle/);
    await runLab(['stop'], { runDir });
  }, 120_000);

  it('refuses, in one line, a client whose settings differ from the running lab', async () => {
    const runDir = freshLabRunDir();
    await runLab(['containers'], { runDir });
    const other = await runLab(['containers'], { runDir, env: { LAB_PROGRESS_PATH: '/tmp/elsewhere.json' } });
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(
      /^lab: the lab running for this checkout \(pid \d+\) was started with other settings/,
    );
    await runLab(['stop'], { runDir });
  }, 60_000);

  it('has one `npm start` per checkout: a second says where the first serves, a background lab gives way', async () => {
    const env = { DATABASE_URL: inject('databaseUrl') };
    const runDir = freshLabRunDir();
    await runLab(['invoke', 'health'], { env, runDir });
    const background = labPid(runDir);
    const first = await spawnStart(['--port', '0', '--no-site-build'], { ...env, LAB_RUN_DIR: runDir });
    expect(first.stdout()).toContain(
      `stopping the background lab (pid ${background}) so this one can serve the workbook`,
    );
    expect(alive(background)).toBe(false);

    const second = spawn(process.execPath, ['bin/lab.mjs', 'start', '--port', '0', '--no-site-build'], {
      env: { ...process.env, ...env, NO_COLOR: '1', LAB_RUN_DIR: runDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    second.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `lab: this checkout's workbook is already being served (pid ${first.child.pid}): open ${first.url}; ` +
        'Ctrl-C in its terminal (or `npx lab stop`) stops it.',
    );
    // And a shell command runs in the foreground lab, not in a lab of its own.
    const run = await runLab(['invoke', 'health', '--json'], { env, runDir });
    expect(run.code, run.stderr).toBe(0);
    expect(labPid(runDir)).toBe(first.child.pid);
    await first.stop('SIGTERM');
  }, 90_000);

  it('cancels the command in the lab on Ctrl-C, and the lab stays for the next one', async () => {
    const runDir = freshLabRunDir();
    await runLab(['invoke', 'health'], { runDir });
    const pid = labPid(runDir);
    const child = spawn(process.execPath, ['bin/lab.mjs', 'invoke', 'reports-slow', '--repeat', '200', '--json'], {
      env: { ...process.env, NO_COLOR: '1', LAB_RUN_DIR: runDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    child.stdout.on('data', (d: Buffer) => (lines += d.toString().split('\n').length - 1));
    expect(await until(() => lines >= 1, 20_000)).toBe(true);
    const pressed = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(Date.now() - pressed).toBeLessThan(3_000);
    expect(lines).toBeLessThan(200);
    // The same lab, still warm, answers the next command.
    const next = await runLab(['invoke', 'health', '--json'], { runDir });
    expect(jsonLines(next.stdout)[0]).toMatchObject({ status: 'ok', coldStart: false });
    expect(labPid(runDir)).toBe(pid);
    await runLab(['stop'], { runDir });
  }, 60_000);

  it('stops a background lab by itself once it has had no client for LAB_IDLE_STOP_MS', async () => {
    const runDir = freshLabRunDir();
    const first = await runLab(['containers'], { runDir, env: { LAB_IDLE_STOP_MS: '1500' } });
    expect(first.code, first.stderr).toBe(0);
    const pid = labPid(runDir);
    expect(alive(pid)).toBe(true);
    expect(await until(() => !alive(pid), 15_000)).toBe(true);
    expect(readFileSync(servicePaths({ LAB_RUN_DIR: runDir }).log, 'utf8')).toMatch(
      /idle for 2 s with no client: stopping/,
    );
  }, 30_000);
});
