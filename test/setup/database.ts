import type { TestProject } from 'vitest/node';
import { openLabDatabase } from '../../lab/db/lab-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run (embedded, or the server DATABASE_URL names). Test
 * files and every lab process they start find it through DATABASE_URL.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await openLabDatabase();
  process.env.DATABASE_URL = db.url;
  project.provide('databaseUrl', db.url);
  return () => db.stop();
}
