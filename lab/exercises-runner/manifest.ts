import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';
import { parseManifest, scenarioLesson, type Exercise } from './manifest-schema.ts';

export type { Exercise } from './manifest-schema.ts';

export const MANIFEST_PATH = join(REPO_ROOT, 'lab', 'exercises.json');
/** The learner's folders: committed copies that `lab dev update` writes, the learner edits. */
export const EXERCISES_DIR = join(REPO_ROOT, 'lab', 'exercises');
/** An exercise without a scenario: its solution and the files it shares with its starter. */
export const SOLUTIONS_DIR = join(REPO_ROOT, 'lab', 'solutions');
/** An exercise without a scenario: its starter files (the `files` of its manifest entry), nothing else. */
export const STARTERS_DIR = join(REPO_ROOT, 'lab', 'starters');
export const VARIANTS_DIR = join(REPO_ROOT, 'lab', 'variants');

/** lab/exercises.json, validated: the one ordered list of exercises. */
export function loadManifest(): Exercise[] {
  return parseManifest(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));
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

/** The site page of the lesson whose exercise is this scenario's code. */
export function scenarioLessonPage(scenario: string, exercises = loadManifest()): string {
  return `/${scenarioLesson(exercises, scenario)}/`;
}

/**
 * Which copy of an exercise: the learner's folder, or the reference starter or solution, which
 * are generated from their one source (lab/exercises-runner/exercise-files.ts).
 */
export type ExerciseSource = 'exercises' | 'solutions' | 'starters';

/** The learner's folder of exercises: lab/exercises/, or LAB_LEARNER_DIR (the lab's own tests use a copy). */
export function learnerDir(): string {
  return process.env.LAB_LEARNER_DIR ?? EXERCISES_DIR;
}

/** One exercise's folder in the learner's copy. */
export function learnerFolder(id: string): string {
  return join(learnerDir(), id);
}
