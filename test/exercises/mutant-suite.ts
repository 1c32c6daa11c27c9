// The mutants judge the checks (issue 13): every other right solution must pass, every plausible
// wrong one must fail on behaviour with its expected message. Two test files run this suite, each
// over half the exercises (mutants-first-half.test.ts, mutants-second-half.test.ts): its 70 check
// runs are the suite's longest work, and in halves the two test workers share it with the rest.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseFiles } from '../../lab/exercises-runner/exercise-files.ts';
import type { Exercise } from '../../lab/exercises-runner/manifest.ts';
import { runChecks } from '../../lab/exercises-runner/run-check.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

const folders = (dir: string, pattern: RegExp) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort();

/**
 * The checks judged like a learner's attempts (issue 13): each folder of
 * test/exercises/mutants/<id>/ holds only the learner's files that differ from the solution,
 * laid over it and run through the same `lab check` machinery. `right-*` is another correct
 * solution and must pass; `wrong-*` is a plausible wrong one (a misconception the exercise is
 * about) and must fail on behaviour with the message in its `expected.txt` (a part of it).
 */
const MUTANTS_DIR = join(REPO_ROOT, 'test', 'exercises', 'mutants');

export function describeMutants(exercises: Exercise[]): void {
  describe('every mutant', () => {
    for (const exercise of exercises) {
      const dir = join(MUTANTS_DIR, exercise.id);
      const mutants = existsSync(dir) ? folders(dir, /^(right|wrong)-/) : [];
      describe(exercise.id, () => {
        it('has at least two other right solutions and four wrong ones', () => {
          expect(mutants.filter((m) => m.startsWith('right-')).length).toBeGreaterThanOrEqual(2);
          expect(mutants.filter((m) => m.startsWith('wrong-')).length).toBeGreaterThanOrEqual(4);
        });
        for (const mutant of mutants) {
          it(mutant, { timeout: 120_000 }, async () => {
            const overlay = join(dir, mutant);
            const files = readdirSync(overlay).filter((f) => f !== 'expected.txt');
            const solution = exerciseFiles(exercise, 'solution');
            // One copy of each fixture: only a learner's file, and only one that differs.
            for (const file of files) {
              expect(exercise.files, `${mutant}/${file} is not a file the learner edits`).toContain(file);
              expect(readFileSync(join(overlay, file), 'utf8'), `${mutant}/${file} is the solution`).not.toBe(
                solution.get(file),
              );
            }
            // A wrong one stops at its first failure (support.ts): that failure's message is the verdict.
            const run = await runChecks([exercise], { source: 'solutions', overlay });
            const result = run.results[0]!;
            if (mutant.startsWith('right-')) {
              expect(result.passed, `${mutant} should pass: ${result.failure?.check}: ${result.failure?.message}`).toBe(
                true,
              );
              return;
            }
            const expected = readFileSync(join(overlay, 'expected.txt'), 'utf8').trim();
            expect(result.passed, `${mutant} should fail with "${expected}"`).toBe(false);
            expect(result.failure!.kind, `${mutant}: ${result.failure!.message}`).toBe('check');
            expect(result.failure!.message).toContain(expected);
          });
        }
      });
    }
  });
}
