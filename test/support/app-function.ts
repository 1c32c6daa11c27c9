import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { BUILD_DIR, type Artifact } from '../../lab/runtime/build.ts';
import { functionConfig, type FunctionConfig } from '../../lab/runtime/function-config.ts';
import { LocalFunction } from '../../lab/runtime/local-function.ts';
import { loadEvent } from '../../lab/events/index.ts';

/** The artifact `npm run build` made (npm test builds first). */
export function builtArtifact(): Artifact {
  try {
    return JSON.parse(readFileSync(join(BUILD_DIR, 'artifact.json'), 'utf8')) as Artifact;
  } catch {
    throw new Error('No build in .lab/build: run "npm run build:lab" (npm test does it first).');
  }
}

/** The lab's Nest app behind the real runtime, wired to the test run's PostgreSQL. */
export function appFunction(overrides: Partial<FunctionConfig> = {}): LocalFunction {
  return new LocalFunction(
    functionConfig({
      handlerPath: builtArtifact().bundledPath,
      environment: { DATABASE_URL: inject('databaseUrl') },
      ...overrides,
    }),
  );
}

/** A named sample, changed where a test needs it (`any`: the change pokes at one event shape's fields). */
export async function sample(
  name: string,
  change: (event: Record<string, any>) => void = () => {},
): Promise<Record<string, unknown>> {
  const { event } = await loadEvent(name);
  const copy = structuredClone(event);
  change(copy);
  return copy;
}

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body: string;
  isBase64Encoded?: boolean;
}

export function http(result: unknown): HttpResult {
  return result as HttpResult;
}

export function json<T = Record<string, unknown>>(result: unknown): T {
  return JSON.parse(http(result).body) as T;
}
