// The "defaults" column: the same Nest app behind serverless-express with default options
// (lab/app/event-to-request/default-handler.ts), built into its own folder and run by the same local Lambda.

import { join } from 'node:path';
import { APP_SOURCES, BUILD_DIR, buildIfStale, type Artifact } from '../runtime/build.ts';
import { functionConfig } from '../runtime/function-config.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import { REPO_ROOT } from '../repo-root.ts';

export const DEFAULTS_ENTRY = 'lab/app/event-to-request/default-handler.ts';
export const DEFAULTS_DIR = join(BUILD_DIR, 'defaults');

/** The defaults build, rebuilt when a source of the app is newer than it. */
export function defaultsArtifact(): Promise<Artifact> {
  return buildIfStale({ entry: DEFAULTS_ENTRY, outDir: DEFAULTS_DIR, sources: APP_SOURCES });
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
