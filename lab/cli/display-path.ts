import { relative } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

/** A path as the learner knows it: relative to the repository; one outside it (a test's copy) as it is. */
export function displayPath(path: string): string {
  const inRepo = relative(REPO_ROOT, path);
  return inRepo.startsWith('..') ? path : inRepo || '.';
}
