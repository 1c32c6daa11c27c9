import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISE_ENTRY } from '../../lab/exercises-runner/build-exercise.ts';
import { committedCopies } from '../../lab/exercises-runner/committed-copies.ts';
import { exerciseFiles, sourceFiles, sourcesOf } from '../../lab/exercises-runner/exercise-files.ts';
import {
  EXERCISES_DIR,
  loadManifest,
  SOLUTIONS_DIR,
  STARTERS_DIR,
  type Exercise,
} from '../../lab/exercises-runner/manifest.ts';
import { parseManifest } from '../../lab/exercises-runner/manifest-schema.ts';
import { runChecks, testFileOf } from '../../lab/exercises-runner/run-check.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';

// The gate of the exercises themselves (rustlings' `dev check`): every exercise is complete,
// every solution passes (the NN-*.test.ts files, run by npm test against the solutions), every
// starter fails, and the learner's folders are what `lab dev update` writes.
const exercises = loadManifest();

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const folders = (dir: string, pattern = /^\d\d-/) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort();

const own = (e: Exercise) => !e.scenario;

describe('the exercises manifest', () => {
  it('lists every exercise folder once, in order', () => {
    const ids = exercises.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    expect(folders(EXERCISES_DIR)).toEqual(ids);
    // An exercise that is a scenario's code has no folder of its own besides the learner's.
    expect(folders(SOLUTIONS_DIR)).toEqual(exercises.filter(own).map((e) => e.id));
    expect(folders(STARTERS_DIR)).toEqual(exercises.filter(own).map((e) => e.id));
  });

  it('says in one line which entry and field are wrong', () => {
    const broken = (index: number, change: Partial<Exercise>) =>
      exercises.map((e, i) => (i === index ? { ...e, ...change } : e));
    const errorOf = (json: unknown) => {
      try {
        parseManifest(json);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('the manifest was accepted');
    };
    const badName = errorOf(broken(3, { scenario: 'Leak!' }));
    expect(badName).toMatch(
      new RegExp(`^lab/exercises.json is not a valid exercise manifest: "${exercises[3]!.id}" scenario: .+$`),
    );
    // The first two exercises that are a scenario's code, wherever the numbering puts them.
    const [first, second] = exercises.flatMap((e, i) => (e.scenario ? [i] : []));
    const twice = errorOf(broken(second!, { scenario: exercises[first!]!.scenario! }));
    expect(twice).toContain(
      `${exercises[second!]!.id} and ${exercises[first!]!.id} share scenario "${exercises[first!]!.scenario}"`,
    );
    expect(twice).not.toContain('\n');
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
        // Two steps: a failing check shows where to look; `lab hint` the longer second step.
        expect(exercise.more.length).toBeGreaterThan(exercise.hint.length);
        expect(existsSync(testFileOf(exercise))).toBe(true);
      });

      it('writes each file once: the starter holds only the files the learner edits', () => {
        const sources = sourcesOf(exercise);
        const solution = sourceFiles(sources.solution);
        expect(solution).toContain(EXERCISE_ENTRY);
        for (const file of exercise.files) expect(solution).toContain(file);
        // A scenario's buggy folder is a whole deployable handler (test/scenarios/variants.test.ts
        // proves it differs from fixed in exactly these files); a starter of our own is only them.
        if (own(exercise)) expect(sourceFiles(sources.starter)).toEqual([...exercise.files].sort());
      });

      it('marks each starter file with a TODO, and no solution file', () => {
        const starter = exerciseFiles(exercise, 'starter');
        const solution = exerciseFiles(exercise, 'solution');
        for (const file of exercise.files) {
          expect(starter.get(file), `starter ${file}`).toMatch(/\bTODO\b/);
          expect(solution.get(file), `solution ${file}`).not.toMatch(/\bTODO\b/);
        }
      });

      it('ships its learner folder as the starter, generated from the sources', () => {
        const messages: string[] = [];
        for (const copy of committedCopies(EXERCISES_DIR, [exercise])) {
          const path = relative(REPO_ROOT, copy.path);
          if (copy.state === 'current') continue;
          // A learner's edits are theirs; then the committed copy is the one that must be current.
          if (copy.learnerEdits && copy.state === 'differs') {
            const committed = git('show', `HEAD:${path}`);
            if (committed === null || committed === copy.expected) continue;
          }
          messages.push(`${path}: ${copy.state === 'missing' ? 'missing' : 'outdated'}: run lab dev update`);
        }
        const tracked = git('ls-files', '--', relative(REPO_ROOT, dir));
        if (tracked !== null) {
          const generated = new Set([...exerciseFiles(exercise, 'starter').keys(), 'README.md']);
          for (const path of tracked.split('\n').filter(Boolean)) {
            if (!generated.has(path.slice(relative(REPO_ROOT, dir).length + 1)))
              messages.push(`${path}: committed but no source writes it: git rm it`);
          }
        }
        expect(messages, messages.join('\n')).toEqual([]);
      });
    });
  }
});

function normalized(path: string, options: { dropComments?: boolean; as?: string } = {}): string {
  // A starter's imports are written for the learner's folder, where it gets copied.
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

describe("exercise 06 and the lab handler's event mapping", () => {
  it("starts from the adapter with default options and is solved with the lab handler's own named fixes", () => {
    const starter = join(STARTERS_DIR, '06-event-mapping', 'handler.ts');
    const defaults = join(REPO_ROOT, 'lab', 'app', 'event-to-request', 'default-handler.ts');
    expect(normalized(starter, { dropComments: true, as: join(EXERCISES_DIR, '06-event-mapping', 'handler.ts') })).toBe(
      normalized(defaults, { dropComments: true }),
    );
    const solution = readFileSync(join(SOLUTIONS_DIR, '06-event-mapping', 'handler.ts'), 'utf8');
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
