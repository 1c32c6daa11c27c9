import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exerciseFiles } from './exercise-files.ts';
import { learnerDir, loadManifest, type Exercise } from './manifest.ts';

/**
 * One file of a learner's folder against what `lab dev update` would write there: the starter
 * edition, generated from the exercise's one source.
 */
export interface CommittedCopy {
  exercise: Exercise;
  /** The file's name in the exercise folder. */
  file: string;
  /** Its path in the learner's folder. */
  path: string;
  /** A file the learner edits (the manifest's `files`), not a support file. */
  learnerEdits: boolean;
  expected: string;
  state: 'current' | 'missing' | 'differs';
}

export function committedCopies(dir = learnerDir(), exercises = loadManifest()): CommittedCopy[] {
  return exercises.flatMap((exercise) =>
    [...exerciseFiles(exercise, 'starter')].map(([file, expected]) => {
      const path = join(dir, exercise.id, file);
      const actual = existsSync(path) ? readFileSync(path, 'utf8') : null;
      const state = actual === null ? 'missing' : actual === expected ? 'current' : 'differs';
      return { exercise, file, path, learnerEdits: exercise.files.includes(file), expected, state };
    }),
  );
}

export interface UpdateResult {
  written: CommittedCopy[];
  /** Files the learner edits that differ from the starter: theirs, so left alone. */
  kept: CommittedCopy[];
}

/**
 * Brings the learner's folders up to their sources. A file the learner edits is written only
 * when it is missing: when it differs, it may be their work (or the old starter: the two cannot
 * be told apart without history), and `lab reset`, which keeps a backup, is the way to replace it.
 * Support files are the lab's, not the learner's, and are always brought up to date.
 */
export function updateCommittedCopies(dir = learnerDir()): UpdateResult {
  const result: UpdateResult = { written: [], kept: [] };
  for (const copy of committedCopies(dir)) {
    if (copy.state === 'current') continue;
    if (copy.state === 'differs' && copy.learnerEdits) {
      result.kept.push(copy);
      continue;
    }
    mkdirSync(join(dir, copy.exercise.id), { recursive: true });
    writeFileSync(copy.path, copy.expected);
    result.written.push(copy);
  }
  return result;
}
