import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildHandler, BUILD_DIR } from '../runtime/build.ts';
import { REPO_ROOT } from '../repo-root.ts';

export const VARIANTS_TSCONFIG = 'tsconfig.variants.json';
export const VARIANTS_BUILD_DIR = join(BUILD_DIR, 'variants');

/** What a variant build depends on: a newer file here means a rebuild. */
const SOURCE_DIRS = ['lab/variants', 'lab/app'];
const SOURCE_FILES = [VARIANTS_TSCONFIG, 'tsconfig.app.json'];

/**
 * The bundled handler of one variant (lab/variants/<scenario>/<variant>/handler.ts), built into
 * .lab/build/variants/<scenario>-<variant>/ by the lab's own build (tsc, then esbuild), and
 * rebuilt only when a source is newer than the bundle. Several lab processes (parallel test
 * files, a REPL next to a shell) can ask at once: one builds, the others wait on a lock file.
 */
export async function variantHandler(scenario: string, variant: string): Promise<string> {
  const entry = `lab/variants/${scenario}/${variant}/handler.ts`;
  const outDir = join(VARIANTS_BUILD_DIR, `${scenario}-${variant}`);
  const bundled = join(outDir, 'bundle', entry.replace(/\.ts$/, '.mjs'));
  if (await isFresh(bundled)) return bundled;
  await mkdir(VARIANTS_BUILD_DIR, { recursive: true });
  return withLock(`${outDir}.lock`, async () => {
    if (await isFresh(bundled)) return bundled;
    const artifact = await buildHandler({ tsconfig: VARIANTS_TSCONFIG, entry, outDir });
    return artifact.bundledPath;
  });
}

async function isFresh(bundled: string): Promise<boolean> {
  const builtAt = (await stat(bundled).catch(() => undefined))?.mtimeMs;
  if (builtAt === undefined) return false;
  return (await newestSource()) < builtAt;
}

async function newestSource(): Promise<number> {
  const files = SOURCE_FILES.map((f) => join(REPO_ROOT, f));
  for (const dir of SOURCE_DIRS) {
    const entries = await readdir(join(REPO_ROOT, dir), { recursive: true });
    files.push(...entries.filter((e) => e.endsWith('.ts')).map((e) => join(REPO_ROOT, dir, e)));
  }
  const mtimes = await Promise.all(files.map(async (f) => (await stat(f).catch(() => undefined))?.mtimeMs ?? 0));
  return Math.max(...mtimes);
}

const STALE_LOCK_MS = 60_000;

async function withLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) await rm(path, { force: true });
      else await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
