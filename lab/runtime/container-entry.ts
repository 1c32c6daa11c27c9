import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const RUNTIME_DIR = fileURLToPath(new URL('.', import.meta.url));
const SOURCE = join(RUNTIME_DIR, 'container-main.ts');
const SOURCES = ['container-main.ts', 'lambda-context.ts', 'log-lines.ts', 'messages.ts', 'spans.ts', 'tracer.ts'];
const OUTPUT = join(RUNTIME_DIR, '..', '..', '.lab', 'build', 'runtime', 'container-main.mjs');

let checked: Promise<string> | undefined;

/**
 * The script each container process starts with, as plain JavaScript. Forking the .ts would make
 * every cold start pay ~40 ms for Node's type stripping, a cost no real Lambda has: the runtime
 * is part of Init Duration, so it must be lean.
 */
export function containerEntry(): Promise<string> {
  checked ??= Promise.resolve().then(buildIfStale);
  return checked;
}

function buildIfStale(): string {
  const builtAt = statSync(OUTPUT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const stale = SOURCES.some((f) => statSync(join(RUNTIME_DIR, f)).mtimeMs > builtAt);
  if (stale) {
    esbuild.buildSync({
      entryPoints: [SOURCE],
      outfile: OUTPUT,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      logLevel: 'silent',
    });
  }
  return OUTPUT;
}
