import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LabIO } from '../../lab/cli/io.ts';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { runCommand } from '../../lab/cli/program.ts';
import { variantHandler } from '../../lab/scenarios/variant-build.ts';

let lab: LabContext;
const previousUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  lab = new LabContext();
  // Built up front, so Ctrl-C lands while the scenario runs, not while it builds.
  await variantHandler('idle', 'buggy');
});
afterAll(async () => {
  await lab.close();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
});

function captureIO(signal?: AbortSignal): LabIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color: false,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    ...(signal ? { signal } : {}),
  };
  return io;
}

describe('scenario commands', () => {
  it('--json prints exactly one object with scenario, variant and verdict', async () => {
    const io = captureIO();
    const code = await runCommand(
      ['storm', '--variant', 'fixed', '--containers', '2', '--waves', '1', '--json'],
      io,
      lab,
    );
    expect(code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ scenario: 'storm', variant: 'fixed', verdict: 'ok', calls: 2 });
  });

  it('tells the story: the numbers, the verdict, the lesson and the page to read, with a progress bar', async () => {
    const io = captureIO();
    const code = await runCommand(['storm', '--containers', '3', '--limit', '4', '--waves', '1'], io, lab);
    expect(code).toBe(0);
    // The progress line is redrawn in place (\r, erase line), then cleared for the story.
    expect(io.stdout).toContain('\r\u001b[K[########################] 3/3');
    expect(io.stdout).toMatch(/peak \d+ of 4/);
    // The lesson folds at the width (80 here: no terminal said otherwise), under itself.
    expect(io.stdout).toMatch(
      /verdict: connection-storm\nlesson: {2}.+\n( {9}.+\n)*read: {4}\/08-db-pool\/ and \/04-reuse-map\//,
    );
  });

  it('refuses an unknown variant with one line and exit code 2', async () => {
    const io = captureIO();
    expect(await runCommand(['leak', '--variant', 'nope'], io, lab)).toBe(2);
    expect(io.stderr).toContain('expected "buggy" or "fixed", got "nope"');
  });

  it('stops on Ctrl-C and shuts its containers down', async () => {
    const controller = new AbortController();
    const io = captureIO(controller.signal);
    const running = runCommand(['idle', '--frozen', '5000', '--json'], io, lab);
    setTimeout(() => controller.abort(), 1_000);
    const startedAt = Date.now();
    expect(await running).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(4_000);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('stopped');
    // Every container was a child process of this worker: none is left.
    expect(childProcesses()).toEqual([]);
  });
});

/** Container processes (the runtime's container-main script) that are children of this worker. */
function childProcesses(): string[] {
  try {
    // Only containers count: esbuild keeps a service child alive after a variant build.
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((l) => l.includes('container-main'));
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
}
