// The Korean text of each exercise's title and two hints: the manifest's `ko` (lab/exercises.json,
// the one exercise list), keyed by the exercise folder's name without its number
// ("cache-the-bootstrap").
import manifest from '../../lab/exercises.json' with { type: 'json' };
import { parseManifest } from '../../lab/exercises-runner/manifest-schema.ts';

export interface ExerciseTextKo {
  title: string;
  hint: string;
  more: string;
}

/** The exercise folder's name without its number: "01-cache-the-bootstrap" → "cache-the-bootstrap". */
export const exerciseKey = (dir: string): string => dir.replace(/^\d\d-/, '');

export const exercisesKo: Record<string, ExerciseTextKo> = Object.fromEntries(
  parseManifest(manifest).map((entry) => [exerciseKey(entry.id), entry.ko]),
);
