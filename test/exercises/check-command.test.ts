import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { editionText, writeEdition } from '../../lab/exercises-runner/exercise-files.ts';
import { findExercise, STARTERS_DIR as STARTERS, type Exercise } from '../../lab/exercises-runner/manifest.ts';
import { readProgress, recordCheck } from '../../lab/exercises-runner/progress.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { runLab } from '../cli/run-lab.ts';
import { plainMessage } from '../../lab/exercises-runner/run-check.ts';

const PROGRESS_MODULE = fileURLToPath(new URL('../../lab/exercises-runner/progress.ts', import.meta.url));
const ID = '01-cache-the-bootstrap';
const exercise = (id: string): Exercise => findExercise(id) ?? expect.unreachable(`${id} in lab/exercises.json`);
const temp = await mkdtemp(join(tmpdir(), 'lab-exercises-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

describe('progress', () => {
  it('survives a process killed in the middle of writing it', async () => {
    const path = join(temp, 'killed', 'progress.json');
    // A writer that never stops: big entries, so a write takes long enough to be cut in half.
    const writer = `
      import { recordCheck } from ${JSON.stringify(PROGRESS_MODULE)};
      const failure = 'x'.repeat(200_000);
      let i = 0;
      for (;;) { recordCheck('ex-' + (i++ % 50), i % 2 === 0, failure); if (i === 3) process.send?.('writing'); }
    `;
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', writer], {
        env: { ...process.env, LAB_PROGRESS_PATH: path },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await new Promise((resolve) => child.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const text = await readFile(path, 'utf8');
      const progress = JSON.parse(text) as ReturnType<typeof readProgress>;
      expect(progress.version).toBe(1);
      expect(Object.keys(progress.exercises).length).toBeGreaterThan(0);
    }
  });

  it('remembers the first pass through later failures', () => {
    const path = join(temp, 'remember.json');
    recordCheck('01-x', false, 'a check', path);
    const passed = recordCheck('01-x', true, null, path);
    const failedAgain = recordCheck('01-x', false, 'a check', path);
    expect(failedAgain).toMatchObject({ status: 'failed', passedAt: passed.passedAt, failure: 'a check' });
    expect(readProgress(join(temp, 'missing.json')).exercises).toEqual({});
  });
});

describe('lab check, solution and reset', () => {
  const progress = join(temp, 'progress.json');
  const env = { LAB_PROGRESS_PATH: progress };

  it(
    'fails a starter with its first failure and the hint, and keeps the solution closed',
    { timeout: 60_000 },
    async () => {
      // A learner's folder that is still the starter (not LAB_CHECK_SOURCE=starters: the
      // meta-test builds those at the same time).
      const learner = join(temp, 'fresh');
      await writeEdition(exercise(ID), 'starter', join(learner, ID));
      const run = await runLab(['check', '01'], { env: { ...env, LAB_LEARNER_DIR: learner } });
      expect(run.code).not.toBe(0);
      // Stopped at the first failing check: the three after it wait for it (support.ts).
      expect(run.stdout).toContain('✗ 01 Cache the bootstrap: 0/4 checks passed (3 not run yet)');
      expect(run.stdout).toContain('hint: Look at what lives between invocations');
      expect(run.stdout).toContain('`lab hint 01` says more');
      const more = await runLab(['hint', '01'], { env });
      expect(more.code).toBe(0);
      expect(more.stdout).toContain(`more: ${exercise(ID).more.slice(0, 40)}`);
      const closed = await runLab(['solution', '01'], { env });
      expect(closed.code).toBe(2);
      expect(closed.stderr).toContain('opens once your own passes');
    },
  );

  it('passes a correct version, records it, and then shows the solution', { timeout: 60_000 }, async () => {
    const learner = join(temp, 'learner');
    await writeEdition(exercise(ID), 'solution', join(learner, ID));
    const startedAt = performance.now();
    const run = await runLab(['check', 'cache-the-bootstrap'], { env: { ...env, LAB_LEARNER_DIR: learner } });
    // The learner's loop stays short: one check, start to verdict, well under 20 s.
    expect(performance.now() - startedAt).toBeLessThan(20_000);
    expect(run.stdout).toContain('✓ 01 Cache the bootstrap: passed');
    expect(run.code).toBe(0);
    expect(readProgress(progress).exercises[ID]).toMatchObject({ status: 'passed', failure: null });
    // The learner's own files against the reference: theirs is the reference, so no line differs.
    const same = await runLab(['solution', '1'], { env: { ...env, LAB_LEARNER_DIR: learner } });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`${join(learner, ID, 'handler.ts')} is the reference, line for line`);
    // Another passing version (here: the starter's file kept beside a pass already recorded)
    // shows as a diff: its lines with -, the reference's with +, named by the reference's source.
    const other = join(temp, 'other');
    await writeEdition(exercise(ID), 'starter', join(other, ID));
    const shown = await runLab(['solution', '1'], { env: { ...env, LAB_LEARNER_DIR: other } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`(-, yours) against lab/solutions/${ID}/handler.ts (+, the reference)`);
    expect(shown.stdout).toMatch(/^@@ yours \d+,\d+ · reference \d+,\d+ @@$/m);
    expect(shown.stdout).toMatch(/^\+.*cachedProxy \?\?=/m);
    expect(shown.stdout).not.toMatch(/^ .*cachedProxy \?\?=/m);
  });

  it("resets a starter and keeps the learner's version in a backup", async () => {
    const learner = join(temp, 'reset');
    const backups = join(temp, 'backups');
    await writeEdition(exercise(ID), 'solution', join(learner, ID));
    await writeFile(join(learner, ID, 'handler.ts'), '// my attempt\n');
    const run = await runLab(['reset', '01'], { env: { LAB_LEARNER_DIR: learner, LAB_BACKUPS_DIR: backups } });
    expect(run.code).toBe(0);
    expect(await readFile(join(learner, ID, 'handler.ts'), 'utf8')).toBe(
      await readFile(join(STARTERS, ID, 'handler.ts'), 'utf8'),
    );
    const [backup] = await readdir(backups);
    expect(backup).toMatch(/^01-\d{8}T\d{6}Z$/);
    expect(await readFile(join(backups, backup!, 'handler.ts'), 'utf8')).toBe('// my attempt\n');
    expect(run.stdout).toContain('Your version is kept in');
    const again = await runLab(['reset', '01'], { env: { LAB_LEARNER_DIR: learner, LAB_BACKUPS_DIR: backups } });
    expect(again.stdout).toContain('already the starter');
  });

  it("resets an exercise that is a scenario's code to that scenario's buggy variant", async () => {
    const learner = join(temp, 'reset-07');
    const id = '07-request-scope';
    await writeEdition(exercise(id), 'solution', join(learner, id));
    const run = await runLab(['reset', '07'], {
      env: { LAB_LEARNER_DIR: learner, LAB_BACKUPS_DIR: join(temp, 'backups-06') },
    });
    expect(run.code).toBe(0);
    const restored = await readFile(join(learner, id, 'me.controller.ts'), 'utf8');
    const variant = await readFile(join(REPO_ROOT, 'lab/variants/leak/buggy/me.controller.ts'), 'utf8');
    // The same file, its imports re-pointed from lab/variants/leak/buggy/ to lab/exercises/07-…/.
    expect(variant).toContain("from '../audit.service.ts'");
    expect(restored).toBe(
      variant
        .replace("from '../audit.service.ts'", "from '../../variants/leak/audit.service.ts'")
        .replace("from '../profile.service.ts'", "from '../../variants/leak/profile.service.ts'"),
    );
    expect(restored).toMatch(/\bTODO\b/);
  });

  it('names the exercises when the name is wrong', async () => {
    const run = await runLab(['check', 'nope'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No exercise "nope"');
    expect(run.stderr).toContain('01-cache-the-bootstrap');
  });
});

describe('lab dev update', () => {
  it("regenerates the learner's copies from their sources and leaves a file the learner edits alone", async () => {
    const learner = join(temp, 'update');
    const id = '07-request-scope';
    const env = { LAB_LEARNER_DIR: learner };
    const first = await runLab(['dev', 'update'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`wrote \\S+/${id}/me\\.controller\\.ts\\n`));
    expect(await readFile(join(learner, id, 'current-user.ts'), 'utf8')).toBe(
      editionText(exercise(id), 'starter', 'current-user.ts'),
    );
    expect((await runLab(['dev', 'update'], { env })).stdout).toContain('up to date');

    await writeFile(join(learner, id, 'me.module.ts'), '// drifted\n');
    await writeFile(join(learner, id, 'current-user.ts'), '// my attempt\n');
    const again = await runLab(['dev', 'update'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('`reset 07`');
    // A support file is the lab's: brought back. The learner's file is theirs: kept as it is.
    expect(await readFile(join(learner, id, 'me.module.ts'), 'utf8')).toBe(
      editionText(exercise(id), 'starter', 'me.module.ts'),
    );
    expect(await readFile(join(learner, id, 'current-user.ts'), 'utf8')).toBe('// my attempt\n');
  });
});

describe('check messages', () => {
  it('name files by their path in the repository, never a build copy', () => {
    const bundled = `${REPO_ROOT}/.lab/build/exercises/01/bundle/.lab/build/exercises/01/src/lab/exercises/${ID}/handler.mjs`;
    const staged = `.lab/build/solutions/01/src/lab/exercises/${ID}/app.ts`;
    const message = plainMessage(
      `ExerciseCheck: Runtime.ImportModuleError: Error in ${bundled}:12 and file://${REPO_ROOT}/${staged}(3,1)\n    at load (${bundled}:1:1)`,
    );
    expect(message).toBe(
      `Runtime.ImportModuleError: Error in lab/exercises/${ID}/handler.ts:12 and lab/exercises/${ID}/app.ts(3,1)`,
    );
  });
});
