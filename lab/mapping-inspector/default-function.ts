// The "defaults" column: the same Nest app behind serverless-express with default options
// (lab/app/event-to-request/default-handler.ts), built into its own folder and run by the same local Lambda.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildHandler, BUILD_DIR, recordArtifact, type Artifact } from '../runtime/build.ts';
import { functionConfig } from '../runtime/function-config.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import { REPO_ROOT } from '../repo-root.ts';

export const DEFAULTS_ENTRY = 'lab/app/event-to-request/default-handler.ts';
export const DEFAULTS_DIR = join(BUILD_DIR, 'defaults');

let building: Promise<Artifact> | undefined;

/** The defaults build, rebuilt when a source of the app is newer than it. */
export function defaultsArtifact(): Promise<Artifact> {
  building ??= (async () => {
    const current = await readArtifact();
    if (current && !(await newerSources(current))) return current;
    const built = await buildHandler({ entry: DEFAULTS_ENTRY, outDir: DEFAULTS_DIR });
    await recordArtifact(built, DEFAULTS_DIR);
    return built;
  })().finally(() => (building = undefined));
  return building;
}

export async function defaultsFunction(
  databaseUrl: string,
  perExecutionEnvironmentMaxConcurrency = 1,
): Promise<LocalFunction> {
  const artifact = await defaultsArtifact();
  return new LocalFunction(
    functionConfig({
      functionName: 'boundary-lab-defaults',
      handlerPath: artifact.bundledPath,
      perExecutionEnvironmentMaxConcurrency,
      environment: { DATABASE_URL: databaseUrl },
    }),
  );
}

async function readArtifact(): Promise<Artifact | undefined> {
  try {
    const artifact = JSON.parse(await readFile(join(DEFAULTS_DIR, 'artifact.json'), 'utf8')) as Artifact;
    await stat(artifact.bundledPath);
    return artifact;
  } catch {
    return undefined;
  }
}

async function newerSources(artifact: Artifact): Promise<boolean> {
  const builtAt = (await stat(artifact.bundledPath)).mtimeMs;
  const dir = join(REPO_ROOT, 'lab/app');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  const mtimes = await Promise.all(
    [...files, join(REPO_ROOT, 'tsconfig.app.json')].map(async (f) => (await stat(f)).mtimeMs),
  );
  return mtimes.some((m) => m > builtAt);
}
