import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';
import { loadManifest, type Exercise } from './manifest.ts';

/**
 * The learner's progress: one JSON file, `.lab/progress.json`, that the site reads to tick
 * exercises off. Written atomically (a temporary file, fsync, rename), so a process killed in
 * the middle of a write leaves the old file or the new one, never half of one.
 */
export interface ExerciseProgress {
  status: 'passed' | 'failed';
  /** When the last check ran (ISO time). */
  checkedAt: string;
  /** The first time a check passed: from then on `lab solution` shows the reference. */
  passedAt: string | null;
  /** The first failing check's title, when it failed. */
  failure: string | null;
}

export interface Progress {
  version: 1;
  updatedAt: string | null;
  exercises: Record<string, ExerciseProgress>;
}

export function progressPath(): string {
  return process.env.LAB_PROGRESS_PATH ?? join(REPO_ROOT, '.lab', 'progress.json');
}

export function emptyProgress(): Progress {
  return { version: 1, updatedAt: null, exercises: {} };
}

/**
 * The progress file; a missing one is empty progress. One that is empty or corrupt (a disk full,
 * a hand edit) is set aside, `onSetAside` is told in one line, and progress starts afresh: never
 * an internal error for the learner.
 */
export function readProgress(path = progressPath(), onSetAside?: (line: string) => void): Progress {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return emptyProgress();
  }
  const problem = unreadableProgress(text);
  if (problem) {
    onSetAside?.(setProgressAside(path, problem));
    return emptyProgress();
  }
  const parsed = JSON.parse(text) as Progress;
  return withCurrentIds({ ...emptyProgress(), ...parsed, exercises: { ...parsed.exercises } });
}

/**
 * The progress under today's exercise ids. The exercises were renumbered into lesson order
 * (issue 13: 08-cold-path-diet became 03-cold-path-diet, 03-07 moved up by one; issue 16: lessons
 * 2 and 4 got exercises of their own, so 02-08 became 03 and 05-10), and a progress
 * file written before keeps the old ids: an entry whose id is not in the manifest is moved to the
 * exercise with the same name after the number. Where both the old and the new id have an entry
 * (an old file and a check since), the newer check wins and the earlier pass is kept.
 */
export function withCurrentIds(progress: Progress, exercises: Exercise[] = manifestOrNone()): Progress {
  const ids = new Set(exercises.map((e) => e.id));
  const byName = new Map(exercises.map((e) => [e.id.slice(3), e.id]));
  const moved: Record<string, ExerciseProgress> = {};
  for (const [id, entry] of Object.entries(progress.exercises)) {
    const current = ids.has(id) ? id : (byName.get(id.slice(3)) ?? id);
    const other = moved[current];
    if (!other) {
      moved[current] = entry;
      continue;
    }
    const [older, newer] = other.checkedAt <= entry.checkedAt ? [other, entry] : [entry, other];
    const passes = [older.passedAt, newer.passedAt].filter((at): at is string => at !== null).sort();
    moved[current] = { ...newer, passedAt: passes[0] ?? null };
  }
  return { ...progress, exercises: moved };
}

function manifestOrNone(): Exercise[] {
  try {
    return loadManifest();
  } catch {
    return []; // A broken manifest is reported where it is loaded; progress stays as written.
  }
}

/** Why this text is not a progress file, or undefined when it is one. */
export function unreadableProgress(text: string): string | undefined {
  if (text.trim() === '') return 'empty';
  try {
    const value: unknown = JSON.parse(text);
    const exercises = (value as { exercises?: unknown } | null)?.exercises;
    if (typeof value !== 'object' || value === null || typeof exercises !== 'object' || exercises === null)
      return 'not a progress file';
    return undefined;
  } catch {
    return 'not valid JSON';
  }
}

/** Renames an unreadable progress file out of the way; returns the line that says so. */
export function setProgressAside(path: string, problem: string): string {
  const name = basename(path);
  const aside = `${name}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  renameSync(path, join(dirname(path), aside));
  return `${name} was ${problem}: set aside as ${aside}; exercises show as unchecked until the next \`lab check\``;
}

export function writeProgress(progress: Progress, path = progressPath()): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(progress, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Records one check's verdict (read, change, write: the latest file wins). */
export function recordCheck(
  id: string,
  passed: boolean,
  failure: string | null,
  path = progressPath(),
  onSetAside?: (line: string) => void,
): ExerciseProgress {
  const progress = readProgress(path, onSetAside);
  const now = new Date().toISOString();
  const before = progress.exercises[id];
  const entry: ExerciseProgress = {
    status: passed ? 'passed' : 'failed',
    checkedAt: now,
    passedAt: before?.passedAt ?? (passed ? now : null),
    failure: passed ? null : failure,
  };
  progress.exercises[id] = entry;
  progress.updatedAt = now;
  writeProgress(progress, path);
  return entry;
}
