import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, buildIfStale } from '../../runtime/build.ts';

const SOURCES = ['lab/verify/nest-probe'];

export interface NestProbeScripts {
  /** For NODE_OPTIONS: `--import=<url>`. */
  preloadUrl: string;
  /** The ground-truth process's main script. */
  directMain: string;
}

let built: Promise<NestProbeScripts> | undefined;

/**
 * The probe and the direct process as plain JavaScript (esbuild, as the container entry is):
 * Node's type stripping would add its own milliseconds to every Init Duration the lab reports.
 */
export function nestProbeScripts(): Promise<NestProbeScripts> {
  built ??= Promise.all(
    ['preload', 'direct-main'].map((name) =>
      buildIfStale({
        kind: 'runtime',
        entry: `lab/verify/nest-probe/${name}.ts`,
        outDir: join(BUILD_DIR, 'verify', name),
        sources: SOURCES,
      }),
    ),
  ).then(
    ([preload, direct]) => ({ preloadUrl: pathToFileURL(preload!.bundledPath).href, directMain: direct!.bundledPath }),
    (error: unknown) => {
      built = undefined;
      throw error;
    },
  );
  return built;
}
