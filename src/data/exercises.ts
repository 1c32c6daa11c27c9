// The exercises the lessons end with. lab/exercises.json is the one manifest (id, title, lesson,
// files, hint); this file only reads it. Exercises the lab has not written yet fall back to the
// names below, so a lesson can point at its exercise before the exercise lands.
export interface Exercise {
  /** Two-digit number, as typed in `npm run check NN`. */
  id: string;
  /** Folder name under lab/exercises/ and lab/solutions/. */
  dir: string;
  title: string;
  /** Lesson slug the manifest links the exercise to, if any. */
  lesson?: string;
  hint?: string;
}

interface ManifestEntry {
  id: string;
  title: string;
  lesson?: string;
  files?: string[];
  hint?: string;
}

const planned: Array<Pick<Exercise, 'dir' | 'title'>> = [
  { dir: '01-cache-the-bootstrap', title: 'Cache the bootstrap' },
  { dir: '02-init-phase', title: 'Init phase vs first call' },
  { dir: '03-event-mapping', title: 'Event mapping' },
  { dir: '04-request-scope', title: 'Request scope' },
  { dir: '05-the-pool', title: 'The pool' },
  { dir: '06-timeout-budget', title: 'The timeout budget' },
  { dir: '07-idempotent-retries', title: 'Idempotent retries' },
  { dir: '08-cold-path-diet', title: 'The cold path diet' },
];

// An eager glob rather than an import: the build must not fail while the manifest is missing.
const manifestModule = Object.values(
  import.meta.glob<{ default: ManifestEntry[] }>('/lab/exercises.json', { eager: true }),
)[0];
const manifest: ManifestEntry[] = manifestModule?.default ?? [];

export const exercises: Record<string, Exercise> = {};
for (const { dir, title } of planned) exercises[dir.slice(0, 2)] = { id: dir.slice(0, 2), dir, title };
for (const entry of manifest) {
  const id = entry.id.slice(0, 2);
  exercises[id] = { id, dir: entry.id, title: entry.title, lesson: entry.lesson, hint: entry.hint };
}
