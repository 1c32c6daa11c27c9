import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXERCISES_DIR, loadManifest, SOLUTIONS_DIR } from './manifest.ts';
import { REPO_ROOT } from '../repo-root.ts';

/**
 * Exercises built from a scenario's variants (lab/variants/<scenario>/{buggy,fixed}/): the
 * starter is the buggy variant's code plus TODO markers, the solution is the fixed variant, and
 * the other files are the variant's own. The copies sit two folders below lab/ instead of three,
 * so only their relative imports differ (test/exercises/meta.test.ts compares them resolved).
 */
export const FROM_VARIANTS: Record<string, { buggy: string; fixed: string }> = {
  '04-request-scope': { buggy: 'lab/variants/leak/buggy', fixed: 'lab/variants/leak/fixed' },
  '05-the-pool': { buggy: 'lab/variants/storm/buggy', fixed: 'lab/variants/storm/fixed' },
  '06-timeout-budget': { buggy: 'lab/variants/budget/buggy', fixed: 'lab/variants/budget/fixed' },
  '07-idempotent-retries': { buggy: 'lab/variants/retry/buggy', fixed: 'lab/variants/retry/fixed' },
};

/** A variant file's text as it reads from `to`: imports of its own folder stay, the rest are re-pointed. */
export function relocate(from: string, to: string): string {
  return readFileSync(from, 'utf8').replace(
    /(from |import\()'(\.{1,2}\/[^']+)'/g,
    (match, kw: string, spec: string) => {
      if (spec.startsWith('./')) return match;
      let path = relative(dirname(to), resolve(dirname(from), spec));
      if (!path.startsWith('.')) path = `./${path}`;
      return `${kw}'${path}'`;
    },
  );
}

/**
 * Copies every variant file into its exercise: the fixed variant into lab/solutions/, the files
 * the learner does not edit into lab/exercises/ too. The starter files (buggy + TODO markers)
 * are written by hand; this never touches them.
 */
export function syncFromVariants(): string[] {
  const written: string[] = [];
  for (const exercise of loadManifest()) {
    const variant = FROM_VARIANTS[exercise.id];
    if (!variant) continue;
    for (const file of readdirSync(join(REPO_ROOT, variant.fixed))) {
      const solution = join(SOLUTIONS_DIR, exercise.id, file);
      writeFileSync(solution, relocate(join(REPO_ROOT, variant.fixed, file), solution));
      written.push(relative(REPO_ROOT, solution));
      if (exercise.files.includes(file)) continue;
      const support = join(EXERCISES_DIR, exercise.id, file);
      writeFileSync(support, relocate(join(REPO_ROOT, variant.buggy, file), support));
      written.push(relative(REPO_ROOT, support));
    }
  }
  return written;
}

// `node lab/exercises-runner/from-variants.ts`: after a variant changed, bring the exercises along.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const path of syncFromVariants()) console.log(`wrote ${path}`);
}
