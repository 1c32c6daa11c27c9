import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { openLabDatabase } from '../../lab/db/lab-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run (embedded, or the server DATABASE_URL names). Test
 * files and every lab process they start find it through DATABASE_URL. The embedded one has its
 * own home: a learner's running lab owns `.lab/pg`, and `npm test` must not need it stopped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await openLabDatabase({ home: path.join(REPO_ROOT, '.lab', 'pg-test') });
  process.env.DATABASE_URL = db.url;
  project.provide('databaseUrl', db.url);
  return () => db.stop();
}
