// Saves in the learner's exercise folders, for `lab check --watch`. Node's own fs.watch is
// enough: an exercise is one flat folder, so no recursive watch is needed, and a watch on the
// folder (not on each file) also sees the saves editors make by writing a temporary file and
// renaming it over the old one (vim, JetBrains), which a watch on the file's inode would miss.
import { watch, type FSWatcher } from 'node:fs';

export interface SaveWatcherOptions {
  /** The folders to watch, each with what a save there means (an exercise). */
  folders: ReadonlyMap<string, string>;
  /** One save is several events (truncate, write, rename): act once they have been quiet this long. */
  debounceMs?: number;
  /** What to do after a save; saves that arrive while it runs are ignored (counted, not queued). */
  onSave(key: string, files: string[]): Promise<void>;
  /** Told which files were saved (and so ignored) while `onSave` ran, once it ends. */
  onIgnored?(files: string[]): void;
}

/** A file the learner edits: TypeScript, not an editor's swap, backup or lock file. */
export function isSourceSave(file: string): boolean {
  return file.endsWith('.ts') && !file.startsWith('.') && !file.startsWith('#');
}

/**
 * Watches until closed. Like Rustlings' watch mode, a save while a check runs does not start a
 * second one (the check would race the learner's next keystrokes anyway): the learner saves again.
 */
export class SaveWatcher {
  private readonly options: SaveWatcherOptions;
  private readonly watchers: FSWatcher[] = [];
  private readonly pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly ignored = new Set<string>();
  private closed = false;

  constructor(options: SaveWatcherOptions) {
    this.options = options;
    for (const [folder, key] of options.folders) {
      const watcher = watch(folder, (_event, file) => {
        if (file !== null && isSourceSave(file)) this.saved(key, file);
      });
      // A folder removed while watched (a reset moves files, not folders; a learner may): stop that one quietly.
      watcher.on('error', () => watcher.close());
      this.watchers.push(watcher);
    }
  }

  /** Runs `onSave` now, as a save would (the first check of a watch), with the same busy rule. */
  async run(key: string, files: string[] = []): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      await this.options.onSave(key, files);
    } finally {
      this.busy = false;
      if (this.ignored.size > 0 && !this.closed) this.options.onIgnored?.([...this.ignored].sort());
      this.ignored.clear();
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
  }

  private saved(key: string, file: string): void {
    if (this.closed) return;
    if (this.busy) {
      this.ignored.add(file);
      return;
    }
    const files = this.pending.get(key) ?? new Set<string>();
    files.add(file);
    this.pending.set(key, files);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 100);
  }

  private flush(): void {
    // Saves in two exercises at once (a search-and-replace): check the one saved last.
    const entries = [...this.pending];
    this.pending.clear();
    const last = entries.at(-1);
    // onSave reports its own failures; one that escapes must not become an unhandled rejection in the lab.
    if (last) this.run(last[0], [...last[1]].sort()).catch(() => {});
  }
}
