// The exercises are numbered in lesson order (issue 13: 08 sat in lesson 5 and 03 in lesson 6),
// so `check` with no name, the sidebar and "next exercise" walk the workbook front to back.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExercise, loadManifest, numberOf } from '../../lab/exercises-runner/manifest.ts';
import { withCurrentIds, type ExerciseProgress } from '../../lab/exercises-runner/progress.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

const lessons = readdirSync(`${REPO_ROOT}/content/docs`)
  .filter((f) => /^\d\d-.*\.mdx$/.test(f))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();

describe('exercise numbers', () => {
  const exercises = loadManifest();

  it('count 01, 02, … in the manifest’s order', () => {
    expect(exercises.map((e) => numberOf(e.id))).toEqual(exercises.map((_, i) => String(i + 1).padStart(2, '0')));
  });

  it('follow the order of the lessons they belong to', () => {
    const positions = exercises.map((e) => lessons.indexOf(e.lesson));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

// Lessons 2 and 4 got exercises of their own (issue 16), so 02-08 moved to 03 and 05-10: a progress
// file written between the two renumberings says 02-init-phase and 07-timeout-budget, numbers that
// are another exercise's today.
describe('a progress file from before lessons 2 and 4 had exercises', () => {
  const entry = (checkedAt: string): ExerciseProgress => ({
    status: 'passed',
    checkedAt,
    passedAt: checkedAt,
    failure: null,
  });

  it("moves each entry by its name, and gives today's 02 and 07 none of the old verdicts", () => {
    const exercises = loadManifest();
    const progress = withCurrentIds(
      {
        version: 1,
        updatedAt: null,
        exercises: {
          '02-init-phase': entry('2026-12-01T09:00:00.000Z'),
          '07-timeout-budget': entry('2026-12-01T11:00:00.000Z'),
        },
      },
      exercises,
    );
    expect(progress.exercises).toEqual({
      '03-init-phase': entry('2026-12-01T09:00:00.000Z'),
      '09-timeout-budget': entry('2026-12-01T11:00:00.000Z'),
    });
    expect(progress.exercises[findExercise('02', exercises)!.id]).toBeUndefined();
    expect(progress.exercises[findExercise('07', exercises)!.id]).toBeUndefined();
  });
});
