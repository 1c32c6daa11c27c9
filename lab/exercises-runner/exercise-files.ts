import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { EXERCISES_DIR, SOLUTIONS_DIR, STARTERS_DIR, VARIANTS_DIR, type Exercise } from './manifest.ts';

/** The two reference editions of an exercise folder. */
export type Edition = 'starter' | 'solution';

/**
 * Where an exercise is written once. With a scenario, the exercise IS the scenario's code: the
 * fixed variant is the solution, the buggy one (TODO markers included) the starter, so `lab leak`
 * deploys exactly what the learner starts from. Without one, lab/solutions/<id>/ holds the whole
 * solved folder and lab/starters/<id>/ only the files the learner edits.
 */
export function sourcesOf(exercise: Exercise): { solution: string; starter: string } {
  if (exercise.scenario) {
    const scenario = join(VARIANTS_DIR, exercise.scenario);
    return { solution: join(scenario, 'fixed'), starter: join(scenario, 'buggy') };
  }
  return { solution: join(SOLUTIONS_DIR, exercise.id), starter: join(STARTERS_DIR, exercise.id) };
}

/**
 * The exercise folder as one edition: each file's name and its text as it reads from
 * lab/exercises/<id>/. The starter is the solution with the learner's files swapped for the
 * starter's, since those are the only files in which the two may differ.
 */
export function exerciseFiles(exercise: Exercise, edition: Edition): Map<string, string> {
  const sources = sourcesOf(exercise);
  const target = join(EXERCISES_DIR, exercise.id);
  const files = new Map<string, string>();
  for (const file of sourceFiles(sources.solution)) {
    files.set(file, relocate(join(sources.solution, file), join(target, file)));
  }
  if (edition === 'starter') {
    for (const file of exercise.files) files.set(file, relocate(join(sources.starter, file), join(target, file)));
  }
  return files;
}

/** One file of one edition: what `lab reset` restores and `lab solution` shows. */
export function editionText(exercise: Exercise, edition: Edition, file: string): string {
  const text = exerciseFiles(exercise, edition).get(file);
  if (text === undefined) throw new Error(`${exercise.id} has no file ${file}.`);
  return text;
}

/** Writes one edition of the exercise as a folder (a build's staging copy, a test's learner folder). */
export async function writeEdition(exercise: Exercise, edition: Edition, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [file, text] of exerciseFiles(exercise, edition)) await writeFile(join(folder, file), text);
}

/** The .ts files of a source folder (flat: an exercise is one folder). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * A file's text as it reads from `to`: imports within its own folder stay, the others are
 * re-pointed. A variant sits three folders below lab/, an exercise two; lab/starters/ and
 * lab/solutions/ are at an exercise's depth, so their files come out unchanged.
 */
export function relocate(from: string, to: string): string {
  return readFileSync(from, 'utf8').replace(
    /(from |import\()'(\.{1,2}\/[^']+)'/g,
    (match, kw: string, spec: string) => {
      if (spec.startsWith('./')) return match;
      let path = relative(dirname(to), resolve(dirname(from), spec));
      if (!path.startsWith('.')) path = `./${path}`;
      return `${kw}'${path}'`;
    },
  );
}
