// The exercises are numbered in lesson order (issue 13: 08 sat in lesson 5 and 03 in lesson 6),
// so `check` with no name, the sidebar and "next exercise" walk the workbook front to back.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest, numberOf } from '../../lab/exercises-runner/manifest.ts';
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
