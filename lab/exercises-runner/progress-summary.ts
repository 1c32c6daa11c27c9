// How far the learner is and where to go next: printed after every check (`lab check`, its
// watch mode) and shown in the page's sidebar, from the same function. No node: imports here:
// the site bundles it (src/components/ProgressTicks.astro).

export interface SummaryEntry {
  /** "05-cold-path-diet". */
  id: string;
  /** The last check's verdict: only a pass counts (a later failure takes the tick away again). */
  status: 'passed' | 'failed' | 'unchecked';
}

export interface ProgressSummary<T extends SummaryEntry> {
  passed: number;
  total: number;
  /** The exercise to do next; null once every one passes. */
  next: T | null;
}

/**
 * `exercises` in manifest order (which is lesson order). The next exercise is the first one not
 * passed after `after` (the one just checked), else the first one not passed from the start:
 * after a pass the learner moves on, and nothing left behind is forgotten.
 */
export function progressSummary<T extends SummaryEntry>(exercises: T[], after?: string): ProgressSummary<T> {
  const open = (e: T) => e.status !== 'passed';
  const from = after === undefined ? -1 : exercises.findIndex((e) => e.id === after);
  const next = exercises.slice(from + 1).find(open) ?? exercises.find(open) ?? null;
  return { passed: exercises.filter((e) => !open(e)).length, total: exercises.length, next };
}
