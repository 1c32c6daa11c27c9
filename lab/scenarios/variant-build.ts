import { join } from 'node:path';
import { BUILD_DIR, buildIfStale } from '../runtime/build.ts';

export const VARIANTS_TSCONFIG = 'tsconfig.variants.json';
export const VARIANTS_BUILD_DIR = join(BUILD_DIR, 'variants');

/** What a variant build depends on: a newer file here means a rebuild. */
const SOURCES = ['lab/variants', 'lab/app', VARIANTS_TSCONFIG, 'tsconfig.app.json'];

/**
 * The bundled handler of one variant (lab/variants/<scenario>/<variant>/handler.ts), built into
 * .lab/build/variants/<scenario>-<variant>/ by the lab's own build (tsc, then esbuild), and
 * rebuilt only when a source is newer than the bundle. Several lab processes (parallel test
 * files, a REPL next to a shell) can ask at once: one builds, the others wait on a lock file.
 */
export async function variantHandler(scenario: string, variant: string): Promise<string> {
  const entry = `lab/variants/${scenario}/${variant}/handler.ts`;
  const outDir = join(VARIANTS_BUILD_DIR, `${scenario}-${variant}`);
  const artifact = await buildIfStale({ tsconfig: VARIANTS_TSCONFIG, entry, outDir, sources: SOURCES });
  return artifact.bundledPath;
}
