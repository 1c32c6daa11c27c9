import { inject } from 'vitest';
import type { Column } from '../../lab/mapping-inspector/conformance.ts';
import { defaultsFunction } from '../../lab/mapping-inspector/default-function.ts';
import { appFunction } from '../support/app-function.ts';

/** Both columns in the real local Lambda: defaults (built on demand) and the lab's build. */
export async function bothColumns(): Promise<Column[]> {
  const url = inject('databaseUrl');
  return [
    { handler: 'default', fn: await defaultsFunction(url), overlapFn: await defaultsFunction(url, 2) },
    { handler: 'lab', fn: appFunction(), overlapFn: appFunction({ perExecutionEnvironmentMaxConcurrency: 2 }) },
  ];
}

export async function shutdown(columns: Column[]): Promise<void> {
  await Promise.all(columns.flatMap((c) => [c.fn.shutdown(), c.overlapFn.shutdown()]));
}
