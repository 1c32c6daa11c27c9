import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, buildIfStale } from '../runtime/build.ts';
import { REPO_ROOT } from '../repo-root.ts';

/** The prebuilt fast client (see fast-client.ts), where bin/lab.mjs looks for it. */
export const FAST_CLIENT_DIR = join(BUILD_DIR, 'client');

/** Builds the fast client when a source changed; the lab does it as it starts, and `lab build`. */
export async function buildFastClient(): Promise<string> {
  const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'lab/service/fast-client.sources.json'), 'utf8')) as {
    entry: string;
    sources: string[];
  };
  const artifact = await buildIfStale({
    kind: 'runtime',
    entry: spec.entry,
    outDir: FAST_CLIENT_DIR,
    sources: spec.sources,
  });
  return artifact.bundledPath;
}
