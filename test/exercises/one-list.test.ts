import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, MANIFEST_PATH } from '../../lab/exercises-runner/manifest.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

// lab/exercises.json is the only list of the exercises and the only place that says which
// scenario and lesson each belongs to: everything else reads it. A second list is found by
// what it must contain, the exercises' names; a second link by a lesson slug written as a literal.
const exercises = loadManifest();
const TEXT = /\.(ts|mts|mjs|js|astro|json|md|mdx)$/;

function textFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => TEXT.test(f))
      .map((f) => join(REPO_ROOT, dir, f))
      .filter((path) => path !== MANIFEST_PATH),
  );
}

/** A lesson without its ```text blocks: the lab's real output, pasted. */
function withoutOutputBlocks(text: string): string {
  return text.replace(/^```text[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** The exercises a text names, by folder ("07-request-scope"), bare name ("request-scope") or title. */
function exercisesNamed(text: string): string[] {
  return exercises.filter((e) => [e.id, e.id.slice(3), e.title].some((name) => text.includes(name))).map((e) => e.id);
}

/** Lesson slugs of scenario exercises written as string literals ('/07-request-scope/', "08-db-pool"). */
function lessonLiterals(text: string): string[] {
  return exercises
    .filter((e) => e.scenario)
    .map((e) => e.lesson)
    .filter((slug) => new RegExp(`['"\`]/?${slug}/?['"\`]`).test(text));
}

describe('lab/exercises.json, the one exercise list', () => {
  it('is the only file in lab/, src/, test/ and content/ that names more than two exercises', () => {
    expect(exercisesNamed(readFileSync(MANIFEST_PATH, 'utf8'))).toHaveLength(exercises.length);
    const lists = textFiles('lab', 'src', 'test', 'content')
      // A lesson's pasted lab output (```text blocks) is what `check` printed from the manifest, not a list.
      .map((path) => ({
        path: relative(REPO_ROOT, path),
        named: exercisesNamed(withoutOutputBlocks(readFileSync(path, 'utf8'))),
      }))
      .filter(({ named }) => named.length > 2);
    expect(lists).toEqual([]);
  });

  it("is the only code that links a scenario's exercise to its lesson", () => {
    expect(lessonLiterals(`requestScope: '/${exercises.find((e) => e.scenario)!.lesson}/',`)).toHaveLength(1);
    const links = textFiles('lab', 'src')
      .filter((path) => /\.(ts|mts|mjs|js|astro)$/.test(path))
      .map((path) => ({ path: relative(REPO_ROOT, path), slugs: lessonLiterals(readFileSync(path, 'utf8')) }))
      .filter(({ slugs }) => slugs.length > 0);
    expect(links).toEqual([]);
  });
});
