// The Korean edition translates prose, never lab output: every ```text block (real output of one
// lab run) must be the same in both editions, so re-running a command in one lesson cannot leave
// the other showing numbers from a different run.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const EN = new URL('../../content/docs/', import.meta.url);
const KO = new URL('../../content/docs/ko/', import.meta.url);

function outputBlocks(file: URL): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^```text[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

const lessons = readdirSync(EN).filter((f) => /^\d\d[a-z]?-.*\.mdx$/.test(f));

describe('English and Korean editions', () => {
  it('has lessons and output blocks to compare', () => {
    expect(lessons.length).toBe(13);
    expect(lessons.flatMap((l) => outputBlocks(new URL(l, EN))).length).toBeGreaterThan(10);
  });
  for (const lesson of lessons) {
    it(`${lesson}: the same lab output blocks`, () => {
      expect(outputBlocks(new URL(lesson, KO))).toEqual(outputBlocks(new URL(lesson, EN)));
    });
  }
});
