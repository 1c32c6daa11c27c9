// `lab check --watch [name]`: Rustlings' watch mode. It runs in the lab like every check (so the
// build and the functions are the lab's), watches the learner's folder, checks again on every
// save, prints the verdict and where the learner stands each time, and ends on Ctrl-C (the
// client's cancel aborts io.signal, which also stops a check half-way).
import { learnerFolder, loadManifest, numberOf, type Exercise } from '../../exercises-runner/manifest.ts';
import { readProgress } from '../../exercises-runner/progress.ts';
import { progressSummary } from '../../exercises-runner/progress-summary.ts';
import { SaveWatcher } from '../../exercises-runner/save-watcher.ts';
import { displayPath } from '../display-path.ts';
import { paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { WarmChecks } from '../../exercises-runner/warm-checks.ts';
import { checkAndReport, checkSource } from './check.ts';

/** Editors write a save as a burst of events within a few ms; 100 ms of quiet ends the burst. */
const DEBOUNCE_MS = 100;

export async function watchChecks(io: LabIO, lab: LabContext, only: Exercise | undefined): Promise<void> {
  const exercises = loadManifest();
  const watched = only ? [only] : exercises;
  const byId = new Map(exercises.map((e) => [e.id, e]));
  const folders = new Map(watched.map((e) => [learnerFolder(e.id), e.id]));
  // One vitest for the whole watch: a check after a save skips vitest's start (about a fifth of a check's CPU).
  const warm = new WarmChecks({ source: checkSource(), databaseUrl: (await lab.database()).url });
  const where = `${displayPath(only ? learnerFolder(only.id) : learnerFolder(''))}/`;
  const watcher = new SaveWatcher({
    folders,
    debounceMs: DEBOUNCE_MS,
    onSave: async (id, files) => {
      if (io.signal?.aborted) return;
      const at = new Date().toTimeString().slice(0, 8);
      const why = files.length ? `saved ${files.join(', ')}` : 'watch started';
      io.out(paint(io, 'dim', `── ${at} · ${why} ──`) + '\n');
      try {
        await checkAndReport(io, lab, [byId.get(id)!], warm);
      } catch (error) {
        // Ctrl-C in the middle of a check ends its vitest run: that is the watch ending, not a failure.
        if (io.signal?.aborted) return;
        // Anything else is said in one line and the watch goes on: the next save tries again.
        io.err(`lab: the check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      if (!io.signal?.aborted) {
        io.out(paint(io, 'dim', `watching ${where} · save a file to check again · Ctrl-C leaves`) + '\n');
      }
    },
    onIgnored: (files) =>
      io.out(
        paint(io, 'dim', `(saved during that check, not checked: ${files.join(', ')}; save again to check)`) + '\n',
      ),
  });
  try {
    // The first check at once, as Rustlings does: the named exercise, or the one to do next.
    const progress = readProgress();
    const first =
      only ??
      progressSummary(exercises.map((e) => ({ ...e, status: progress.exercises[e.id]?.status ?? 'unchecked' }))).next;
    if (first) await watcher.run(first.id);
    else io.out(`every exercise passes · watching ${where} · save a file to check it again · Ctrl-C leaves\n`);
    if (!io.signal) return; // Nothing could ever end the watch: a caller without Ctrl-C gets one round.
    await new Promise<void>((resolve) => {
      if (io.signal!.aborted) resolve();
      else io.signal!.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    watcher.close();
    warm.stop();
  }
  io.out(paint(io, 'dim', `watch of ${only ? numberOf(only.id) : 'the exercises'} ended`) + '\n');
}
