// The exercises the lessons end with, read from lab/exercises.json (the one manifest) and checked
// with the lab's own schema, so the site and `lab check` cannot disagree about what an exercise is.
import manifest from '../../lab/exercises.json';
import { parseManifest, scenarioLesson } from '../../lab/exercises-runner/manifest-schema.ts';

export interface Exercise {
  /** Two-digit number, as typed in `npm run check NN`. */
  id: string;
  /** Folder name under lab/exercises/. */
  dir: string;
  title: string;
  /** Lesson slug the manifest links the exercise to. */
  lesson: string;
  /** Where to look: what a failing check shows. */
  hint: string;
  /** The second step (`lab hint NN`): behind its own button. */
  more: string;
}

const entries = parseManifest(manifest);

export const exercises: Record<string, Exercise> = Object.fromEntries(
  entries.map((entry) => {
    const id = entry.id.slice(0, 2);
    return [id, { id, dir: entry.id, title: entry.title, lesson: entry.lesson, hint: entry.hint, more: entry.more }];
  }),
);

/** The slug of the lesson whose exercise is this scenario's code ("budget" → exercise 09's lesson). */
export function lessonOfScenario(scenario: string): string {
  return scenarioLesson(entries, scenario);
}
