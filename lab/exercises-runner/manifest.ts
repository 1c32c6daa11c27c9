import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../repo-root.ts';

export const MANIFEST_PATH = join(REPO_ROOT, 'lab', 'exercises.json');
export const EXERCISES_DIR = join(REPO_ROOT, 'lab', 'exercises');
export const SOLUTIONS_DIR = join(REPO_ROOT, 'lab', 'solutions');
/** The untouched starters: what `lab reset` restores and what the meta-test proves fails. */
export const PRISTINE_DIR = join(EXERCISES_DIR, '.pristine');

const ExerciseSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d\d-[a-z0-9-]+$/)
      .describe('The folder name under lab/exercises/ and lab/solutions/, "NN-name": the number gives the order.'),
    title: z.string().min(3).describe('The title the learner sees, as on the lesson page.'),
    lesson: z
      .string()
      .regex(/^\d\d-[a-z0-9-]+$/)
      .describe('The lesson it belongs to: content/docs/<lesson>.mdx, served at /<lesson>/.'),
    files: z.array(z.string().min(1)).min(1).describe('The files the learner edits, relative to the exercise folder.'),
    hint: z.string().min(10).describe('Shown with a failing check: where to look, not the answer.'),
  })
  .strict();

export type Exercise = z.infer<typeof ExerciseSchema>;

const ManifestSchema = z.array(ExerciseSchema).min(1);

/** lab/exercises.json, validated: the one ordered list of exercises. */
export function loadManifest(): Exercise[] {
  const exercises = ManifestSchema.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));
  const ids = exercises.map((e) => e.id);
  if (new Set(ids.map(numberOf)).size !== ids.length)
    throw new Error('lab/exercises.json: two exercises share a number.');
  return exercises;
}

/** "01" of "01-cache-the-bootstrap". */
export function numberOf(id: string): string {
  return id.slice(0, 2);
}

/** Finds an exercise by "1", "01", "01-cache-the-bootstrap" or "cache-the-bootstrap". */
export function findExercise(name: string, exercises = loadManifest()): Exercise | undefined {
  const wanted = name
    .trim()
    .toLowerCase()
    .replace(/\/$/, '')
    .replace(/^lab\/exercises\//, '');
  const asNumber = /^\d{1,2}$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  return exercises.find((e) => e.id === wanted || numberOf(e.id) === asNumber || e.id.slice(3) === wanted);
}

/** Where a kind of copy of an exercise lives. */
export type ExerciseSource = 'exercises' | 'solutions' | 'starters';

/** The learner's folder of exercises: lab/exercises/, or LAB_LEARNER_DIR (the lab's own tests use a copy). */
export function learnerDir(): string {
  return process.env.LAB_LEARNER_DIR ?? EXERCISES_DIR;
}

export function sourceDir(source: ExerciseSource, id: string): string {
  if (source === 'exercises') return join(learnerDir(), id);
  if (source === 'solutions') return join(SOLUTIONS_DIR, id);
  return join(PRISTINE_DIR, id);
}
