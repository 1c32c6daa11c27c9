import { describe, expect, it } from 'vitest';
import { labRunDir } from '../support/lab-runs.ts';
import { runLab } from './run-lab.ts';

describe('lab events', () => {
  it('lists the samples as JSON with name, source, method and path', async () => {
    const run = await runLab(['events', '--json']);
    expect(run.code).toBe(0);
    const samples = JSON.parse(run.stdout) as Array<Record<string, string>>;
    expect(samples.length).toBeGreaterThanOrEqual(12);
    expect(new Set(samples.map((s) => s.source))).toEqual(new Set(['apigw-v1', 'apigw-v2', 'alb', 'function-url']));
    for (const s of samples) expect(Object.keys(s).sort()).toEqual(['method', 'name', 'path', 'source']);
  });
});

describe('a reader that closes the pipe early (lab events | head -1)', () => {
  it('ends quietly, without an EPIPE stack', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const bin = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));
    // A long listing, so writes are still coming when the reader goes away.
    const child = spawn(process.execPath, [bin, 'events'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', LAB_RUN_DIR: labRunDir() },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
