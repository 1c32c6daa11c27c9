import { describe, expect, it } from 'vitest';
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
