// The learner's exercise progress, live: every open page gets it on connect and again whenever
// `.lab/progress.json` changes, whoever wrote it (`check` in a page's terminal, or
// `npm run check` in another shell). The file is replaced by a rename on every write, so the
// folder is watched (a watch on the file would stay on the old inode) and, because inotify is
// not everywhere, it is also read once a second; a message goes out only when the state changed.
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { loadManifest, type Exercise } from '../exercises-runner/manifest.ts';
import { progressPath, withCurrentIds, type Progress } from '../exercises-runner/progress.ts';
import type { ExerciseStatus, ServerMessage } from './protocol.ts';

type ProgressMessage = Extract<ServerMessage, { type: 'progress' }>;
type Listener = (message: ProgressMessage) => void;

const POLL_MS = 1_000;

/** The message for this progress file: every exercise of the manifest, unchecked unless recorded. */
export function progressMessage(exercises: Exercise[], progress: Progress | undefined): ProgressMessage {
  return {
    type: 'progress',
    exercises: exercises.map(({ id, lesson }): ExerciseStatus => {
      const entry = progress?.exercises[id];
      if (!entry) return { id, lesson, status: 'unchecked' };
      return {
        id,
        lesson,
        status: entry.status === 'passed' ? 'passed' : 'failed',
        ...(entry.passedAt ? { passedAt: entry.passedAt } : {}),
      };
    }),
  };
}

/** The file as it is now; `undefined` if it is missing, `null` if it is not readable JSON (kept as it was). */
function readFile(path: string, exercises: Exercise[]): Progress | undefined | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Progress;
    return typeof value === 'object' &&
      value !== null &&
      typeof value.exercises === 'object' &&
      value.exercises !== null
      ? withCurrentIds(value, exercises)
      : null;
  } catch {
    return null;
  }
}

export class ProgressFeed {
  private readonly path: string;
  private readonly exercises: Exercise[];
  private readonly listeners = new Set<Listener>();
  private message: ProgressMessage;
  private text: string;
  private watcher: FSWatcher | undefined;
  private readonly poll: NodeJS.Timeout;

  constructor(options: { path?: string } = {}) {
    this.path = options.path ?? progressPath();
    let exercises: Exercise[] = [];
    try {
      exercises = loadManifest();
    } catch {
      // No manifest, no exercises to show: the pages get an empty list.
    }
    this.exercises = exercises;
    this.message = progressMessage(exercises, readFile(this.path, exercises) ?? undefined);
    this.text = JSON.stringify(this.message);
    const file = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), (_event, name) => {
        if (name === null || name === file) this.refresh();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // The folder does not exist yet (no check ran) or the filesystem cannot watch: the poll does it.
      this.watcher = undefined;
    }
    this.poll = setInterval(() => this.refresh(), POLL_MS);
    this.poll.unref();
  }

  /** The current state. */
  current(): ProgressMessage {
    return this.message;
  }

  /** Called with every change from now on. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the file again and tells the listeners if anything they show changed. */
  refresh(): void {
    const progress = readFile(this.path, this.exercises);
    if (progress === null) return;
    const message = progressMessage(this.exercises, progress);
    const text = JSON.stringify(message);
    if (text === this.text) return;
    this.message = message;
    this.text = text;
    for (const listener of this.listeners) listener(message);
  }

  close(): void {
    clearInterval(this.poll);
    this.watcher?.close();
    this.listeners.clear();
  }
}
