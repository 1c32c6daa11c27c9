import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The suite's longest files, longest first, as the clean-clone CI run measured them
 * (`bash .ci/run`, 2 December 2026: lesson commands 289 s, axe 264 s, the mutants 452 s in one
 * file, now two halves; verify on the lab's code 80 s). A clean clone has no vitest cache, so
 * vitest orders by file size, and the small mutants files started last: the two workers then
 * ended a minute apart. Started first, the short files fill in around them.
 */
const LONGEST = [
  'test/e2e/lesson-commands.test.ts',
  'test/e2e/axe.test.ts',
  'test/exercises/mutants-first-half.test.ts',
  'test/exercises/mutants-second-half.test.ts',
  'test/verify/lab-code.test.ts',
  'test/e2e/csp.test.ts',
  'test/cli/widths.test.ts',
  'test/verify/fixtures.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST.findIndex((path) => file.moduleId.endsWith(path));
      return at < 0 ? LONGEST.length : at;
    };
    // Stable: the rest keep vitest's own order (its cached durations, else file size).
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
