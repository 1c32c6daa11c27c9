import { describe, expect, inject, it } from 'vitest';
import { runStorm } from '../../lab/scenarios/storm.ts';
import { PgObserver } from '../../lab/scenarios/pg-observer.ts';

const databaseUrl = inject('databaseUrl');

describe('lab storm', () => {
  it("buggy: a big pool per call across 6 cold containers hits the role's 8 connections; calls fail with 53300", async () => {
    const result = await runStorm({ databaseUrl, variant: 'buggy', containers: 6, connectionLimit: 8, waves: 2 });
    expect(result.verdict).toBe('connection-storm');
    expect(result.calls).toBe(12);
    expect(result.peakConnections).toBe(8);
    expect(result.refusedCalls).toBeGreaterThan(0);
    expect(result.failedCalls).toBeGreaterThanOrEqual(result.refusedCalls);
    expect(result.refusalMessage).toMatch(/too many connections for role "lab_storm_/);
  });

  it('fixed: one pool per container with max 1 keeps 6 containers at 6 connections, every call answers', async () => {
    const progress: number[] = [];
    const result = await runStorm({
      databaseUrl,
      variant: 'fixed',
      containers: 6,
      connectionLimit: 8,
      waves: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result.verdict).toBe('ok');
    expect(result).toMatchObject({ calls: 12, failedCalls: 0, refusedCalls: 0 });
    expect(result.peakConnections).toBeLessThanOrEqual(6);
    expect(result.connectionsHeldAfter).toBeLessThanOrEqual(6);
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(12);
  });

  it('drops the throwaway role after the run', async () => {
    const result = await runStorm({ databaseUrl, variant: 'fixed', containers: 1, connectionLimit: 2, waves: 1 });
    const observer = await PgObserver.open(databaseUrl);
    try {
      expect(await observer.query('select 1 from pg_roles where rolname = $1', [result.role])).toEqual([]);
    } finally {
      await observer.close();
    }
  });
});
