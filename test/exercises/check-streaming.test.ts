// `check` of several exercises prints each verdict as its file finishes (the stream reporter),
// not all at the end of a 30-second run; the verdicts streamed are the ones the report records.
import { describe, expect, inject, it } from 'vitest';
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';
import { runChecks, type CheckResult } from '../../lab/exercises-runner/run-check.ts';

describe('a check of several exercises', () => {
  it('hands over each result as soon as its file has run, the same result the report has', async () => {
    const exercises = loadManifest().slice(0, 3);
    const streamed: Array<{ at: number; result: CheckResult }> = [];
    const run = await runChecks(exercises, {
      source: 'solutions',
      databaseUrl: inject('databaseUrl'),
      onResult: (result) => streamed.push({ at: Date.now(), result }),
    });
    const endedAt = Date.now();
    expect(streamed.map((s) => s.result.exercise.id).sort()).toEqual(exercises.map((e) => e.id).sort());
    for (const { result } of streamed) {
      const final = run.results.find((r) => r.exercise.id === result.exercise.id)!;
      expect({ passed: result.passed, checks: result.checks, failure: result.failure }).toEqual({
        passed: final.passed,
        checks: final.checks,
        failure: final.failure,
      });
    }
    // Two files run at once (maxWorkers 2): the first verdict is out before the third file has run.
    const first = Math.min(...streamed.map((s) => s.at));
    expect(endedAt - first).toBeGreaterThan(1_000);
  }, 240_000);
});
