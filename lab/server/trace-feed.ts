// How `npm run lab` in another shell reaches the pages of a running lab server: each server
// owns one JSON Lines file, `<dir>/<server pid>.jsonl`; every other lab process appends one
// trace per invocation to the files of the servers that are alive, and each server tails its
// own. Nothing is written when no server runs (the files are opened without O_CREAT).
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  watch,
  writeFileSync,
  writeSync,
  type FSWatcher,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../runtime/build.ts';
import type { LabContext } from '../cli/lab-context.ts';
import type { LabTrace } from './protocol.ts';
import { toTrace } from './trace.ts';

/** `LAB_TRACE_DIR` moves it (tests give each server its own). */
export function traceDir(): string {
  return process.env.LAB_TRACE_DIR ?? join(REPO_ROOT, '.lab', 'run', 'traces');
}

/** Past this size a server empties its file once it has read it. */
const MAX_FEED_BYTES = 4 * 1024 * 1024;

function pidOf(file: string): number | undefined {
  const match = /^(\d+)\.jsonl$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Appends one trace to the feed of every live lab server. Never throws: the feed is best effort. */
export function publishTrace(trace: LabTrace, dir = traceDir()): void {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  const line = `${JSON.stringify(trace)}\n`;
  for (const file of files) {
    const pid = pidOf(file);
    if (pid === undefined || pid === process.pid || !isAlive(pid)) continue;
    try {
      // O_APPEND without O_CREAT: a server that just stopped (and removed its file) gets nothing.
      const fd = openSync(join(dir, file), constants.O_WRONLY | constants.O_APPEND);
      try {
        writeSync(fd, line);
      } finally {
        closeSync(fd);
      }
    } catch {
      // The server went away between the listing and the write.
    }
  }
}

/** For one-shot commands and the shell REPL: every invocation of this lab goes to the feeds. */
export function publishInvocations(lab: LabContext): void {
  lab.onFunction((fn) => fn.on('invocation', (record) => publishTrace(toTrace(record, fn.settings, 'shell'))));
}

export interface TraceFeed {
  close(): void;
}

/**
 * Creates this process's feed file, removes those of dead servers, and calls `onTrace` for
 * each line other lab processes append.
 */
export function tailTraceFeed(onTrace: (trace: LabTrace) => void, dir = traceDir()): TraceFeed {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    const pid = pidOf(file);
    if (pid !== undefined && pid !== process.pid && !isAlive(pid)) rmSync(join(dir, file), { force: true });
  }
  const path = join(dir, `${process.pid}.jsonl`);
  writeFileSync(path, '');
  const fd = openSync(path, constants.O_RDWR);
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(64 * 1024);

  const drain = () => {
    try {
      const { size } = fstatSync(fd);
      if (size < offset) offset = 0;
      while (offset < size) {
        const n = readSync(fd, buffer, 0, buffer.length, offset);
        if (n <= 0) break;
        offset += n;
        partial += buffer.subarray(0, n).toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            onTrace(JSON.parse(line) as LabTrace);
          } catch {
            // A torn or foreign line: skipped.
          }
        }
      }
      if (offset > MAX_FEED_BYTES && partial === '') {
        ftruncateSync(fd, 0);
        offset = 0;
      }
    } catch {
      // The file was removed under us: nothing more to read.
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path, () => drain());
  } catch {
    watcher = undefined;
  }
  // inotify is not everywhere (network filesystems): a slow poll as a safety net.
  const poll = setInterval(drain, watcher ? 1_000 : 200);
  poll.unref();
  return {
    close() {
      clearInterval(poll);
      watcher?.close();
      drain();
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(path, { force: true });
    },
  };
}
