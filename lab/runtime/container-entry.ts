import { join } from 'node:path';
import { BUILD_DIR, buildIfStale } from './build.ts';

/** container-main.ts and what it imports: a change to any of them is a new entry. */
const SOURCES = [
  'container-main.ts',
  'lambda-context.ts',
  'log-lines.ts',
  'messages.ts',
  'rapid-errors.ts',
  'spans.ts',
  'supervisor.ts',
  'tracer.ts',
].map((file) => `lab/runtime/${file}`);

let entry: Promise<string> | undefined;

/**
 * The script each container process starts with, as plain JavaScript. Forking the .ts would make
 * every cold start pay ~40 ms for Node's type stripping, a cost no real Lambda has: the runtime
 * is part of Init Duration, so it must be lean. Checked once per process, then cached.
 */
export function containerEntry(): Promise<string> {
  entry ??= buildIfStale({
    kind: 'runtime',
    entry: 'lab/runtime/container-main.ts',
    outDir: join(BUILD_DIR, 'runtime'),
    sources: SOURCES,
  }).then(
    (artifact) => artifact.bundledPath,
    (error: unknown) => {
      entry = undefined; // the next invoke tries again rather than failing for the process's life
      throw error;
    },
  );
  return entry;
}
