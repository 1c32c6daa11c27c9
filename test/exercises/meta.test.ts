import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISE_ENTRY } from '../../lab/exercises-runner/build-exercise.ts';
import { EXERCISES_DIR, loadManifest, PRISTINE_DIR, SOLUTIONS_DIR } from '../../lab/exercises-runner/manifest.ts';
import { FROM_VARIANTS } from '../../lab/exercises-runner/from-variants.ts';
import { runChecks, testFileOf } from '../../lab/exercises-runner/run-check.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

// The gate of the exercises themselves (rustlings' `dev check`): every exercise is complete,
// every solution passes (the NN-*.test.ts files, run by npm test against lab/solutions/), and
// every starter fails.
const exercises = loadManifest();

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
    .sort();
}

function gitShow(path: string): string | null {
  try {
    return execFileSync('git', ['show', `HEAD:${path}`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

describe('the exercises manifest', () => {
  it('lists every exercise folder once, in order', () => {
    const ids = exercises.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    const folders = (dir: string) =>
      readdirSync(dir)
        .filter((f) => /^\d\d-/.test(f))
        .sort();
    expect(folders(EXERCISES_DIR)).toEqual(ids);
    expect(folders(SOLUTIONS_DIR)).toEqual(ids);
    expect(folders(PRISTINE_DIR)).toEqual(ids);
  });

  for (const exercise of exercises) {
    describe(exercise.id, () => {
      const dir = join(EXERCISES_DIR, exercise.id);

      it('has a README that gives the task and links its lesson', () => {
        const readme = readFileSync(join(dir, 'README.md'), 'utf8');
        expect(readme).toMatch(/^# \d\d · /);
        expect(readme).toContain(`](/${exercise.lesson}/)`);
        expect(readme).toContain(`npm run check ${exercise.id.slice(0, 2)}`);
        for (const file of exercise.files) expect(readme).toContain(`\`${file}\``);
      });

      it('belongs to a lesson that shows it', () => {
        const lesson = join(REPO_ROOT, 'content', 'docs', `${exercise.lesson}.mdx`);
        expect(existsSync(lesson), `content/docs/${exercise.lesson}.mdx`).toBe(true);
        expect(readFileSync(lesson, 'utf8')).toContain(`<Exercise id="${exercise.id.slice(0, 2)}"`);
      });

      it('has a hint and a test file', () => {
        expect(exercise.hint.length).toBeGreaterThan(40);
        expect(existsSync(testFileOf(exercise))).toBe(true);
      });

      it('marks each starter file with a TODO, and no solution file', () => {
        for (const file of exercise.files) {
          expect(readFileSync(join(PRISTINE_DIR, exercise.id, file), 'utf8'), `starter ${file}`).toMatch(/\bTODO\b/);
          expect(readFileSync(join(SOLUTIONS_DIR, exercise.id, file), 'utf8'), `solution ${file}`).not.toMatch(
            /\bTODO\b/,
          );
        }
      });

      it('mirrors the solution file for file, with the same support files', () => {
        const solution = join(SOLUTIONS_DIR, exercise.id);
        expect(filesOf(solution)).toEqual(filesOf(dir).filter((f) => f !== 'README.md'));
        expect(filesOf(solution)).toContain(EXERCISE_ENTRY);
        for (const file of filesOf(solution).filter((f) => !exercise.files.includes(f))) {
          // Support files are the same app in both copies; only the learner's files differ.
          expect(readFileSync(join(solution, file), 'utf8'), `${exercise.id}/${file}`).toBe(
            readFileSync(join(dir, file), 'utf8'),
          );
        }
        expect(filesOf(join(PRISTINE_DIR, exercise.id))).toEqual([...exercise.files].sort());
      });

      it("ships the pristine starter as the learner's starting copy (in git)", () => {
        for (const file of exercise.files) {
          const committed = gitShow(`lab/exercises/${exercise.id}/${file}`);
          const pristine = gitShow(`lab/exercises/.pristine/${exercise.id}/${file}`);
          if (committed === null || pristine === null) continue; // no git, or not committed yet
          expect(committed, `${exercise.id}/${file}`).toBe(pristine);
        }
      });
    });
  }
});

function normalized(path: string, options: { dropComments?: boolean; as?: string } = {}): string {
  // A pristine starter's imports are written for the learner's folder, where it gets copied.
  const here = dirname(options.as ?? path);
  let text = readFileSync(path, 'utf8').replace(
    /(from |import\()'(\.{1,2}\/[^']+)'/g,
    (_m, kw: string, spec: string) => {
      const target = resolve(here, spec);
      return `${kw}'${target.startsWith(here + '/') ? `<here>/${target.slice(here.length + 1)}` : relative(REPO_ROOT, target)}'`;
    },
  );
  if (options.dropComments)
    text = text
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n');
  return text;
}

// Run `node lab/exercises-runner/from-variants.ts` when a variant changed; starters by hand.
describe("exercises built from the scenarios' variants", () => {
  for (const [id, variant] of Object.entries(FROM_VARIANTS)) {
    const exercise = exercises.find((e) => e.id === id);
    it(`${id}: the solution is the fixed variant, the starter its buggy one`, () => {
      expect(exercise, `${id} in lab/exercises.json`).toBeDefined();
      for (const file of filesOf(join(SOLUTIONS_DIR, id))) {
        const fixed = join(REPO_ROOT, variant.fixed, file);
        expect(normalized(join(SOLUTIONS_DIR, id, file)), `solution ${file} vs ${variant.fixed}`).toBe(
          normalized(fixed),
        );
        if (exercise!.files.includes(file)) {
          const buggy = join(REPO_ROOT, variant.buggy, file);
          expect(
            normalized(join(PRISTINE_DIR, id, file), { dropComments: true, as: join(EXERCISES_DIR, id, file) }),
            `starter ${file} vs ${variant.buggy}`,
          ).toBe(normalized(buggy, { dropComments: true }));
        }
      }
    });
  }
});

describe("exercise 03 and the lab handler's event mapping", () => {
  it("starts from the adapter with default options and is solved with the lab handler's own named fixes", () => {
    const starter = join(PRISTINE_DIR, '03-event-mapping', 'handler.ts');
    const defaults = join(REPO_ROOT, 'lab', 'app', 'event-to-request', 'default-handler.ts');
    expect(normalized(starter, { dropComments: true, as: join(EXERCISES_DIR, '03-event-mapping', 'handler.ts') })).toBe(
      normalized(defaults, { dropComments: true }),
    );
    const solution = readFileSync(join(SOLUTIONS_DIR, '03-event-mapping', 'handler.ts'), 'utf8');
    for (const fix of ['normalize/strip-stage-prefix.ts', 'normalize/join-cookie-lines.ts', 'is-binary-response.ts']) {
      expect(solution).toContain(`'../../app/event-to-request/${fix}'`);
    }
  });
});

describe('every starter', () => {
  it(
    "fails its exercise's checks on behaviour (it builds, runs, and does the wrong thing)",
    { timeout: 300_000 },
    async () => {
      const run = await runChecks(exercises, { source: 'starters' });
      const verdicts = Object.fromEntries(
        run.results.map((r) => [r.exercise.id, r.passed ? 'passed' : r.failure!.check]),
      );
      for (const result of run.results) {
        expect(result.passed, `${result.exercise.id}: its starter passes`).toBe(false);
        // A starter that does not compile would "fail" for the wrong reason.
        expect(result.failure!.kind, `${result.exercise.id}: ${result.failure!.message}`).toBe('check');
        expect(result.passedChecks).toBeLessThan(result.checks);
      }
      expect(Object.keys(verdicts)).toEqual(exercises.map((e) => e.id));
    },
  );
});
