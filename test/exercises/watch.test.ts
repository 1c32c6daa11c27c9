// `npm run check -- --watch 01` (issue 13, the learner's loop as short as Rustlings'): it checks
// at once, then again on every save, through the lab, and Ctrl-C leaves. Issue 13 asks for green
// within 3 s of the save; a re-check of 01 costs ~4 s of CPU (the build and four cold starts) and
// took 12–29 s on the loaded 2-core CI machine, so this bound is what the watch does today, not
// the target, which stays open in the issue. The learner's folder is a
// temporary copy (LAB_LEARNER_DIR), never lab/exercises/.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { editionText, writeEdition } from '../../lab/exercises-runner/exercise-files.ts';
import { findExercise } from '../../lab/exercises-runner/manifest.ts';
import { readProgress } from '../../lab/exercises-runner/progress.ts';
import { labRunDir } from '../support/lab-runs.ts';

const BIN = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));
const exercise = findExercise('01')!;
const temp = mkdtempSync(join(tmpdir(), 'lab-watch-'));
// The lab's PostgreSQL runs as another user: the folders above what it reads must be traversable.
chmodSync(temp, 0o755);
const learner = join(temp, 'learner');
const progress = join(temp, 'progress.json');
const env = { DATABASE_URL: inject('databaseUrl'), LAB_LEARNER_DIR: learner, LAB_PROGRESS_PATH: progress };
let watch: ChildProcess | undefined;
afterAll(() => {
  watch?.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

describe('check --watch', () => {
  it('turns green after saving the solution, within 45 s, and Ctrl-C leaves', { timeout: 180_000 }, async () => {
    await writeEdition(exercise, 'starter', join(learner, exercise.id));
    const child = spawn(process.execPath, [BIN, 'check', '--watch', '01'], {
      env: { ...process.env, NO_COLOR: '1', LAB_IDLE_STOP_MS: '300000', ...env, LAB_RUN_DIR: labRunDir(env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watch = child;
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (check: () => boolean, what: string, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const watching = () => out.split('\n').filter((line) => line.startsWith('watching ')).length;

    // At once: the starter's verdict, the hint, where the learner stands, and the watch.
    await until(() => watching() === 1, 'the first check', 150_000);
    expect(out).toContain('✗ 01 Cache the bootstrap');
    expect(out).toContain('hint: ');
    expect(out).toMatch(/progress 0\/10 · next: 02 /);
    expect(readProgress(progress).exercises[exercise.id]?.status).toBe('failed');

    // The save: the solution's file over the starter's, as an editor writes it.
    const savedAt = performance.now();
    writeFileSync(join(learner, exercise.id, 'handler.ts'), editionText(exercise, 'solution', 'handler.ts'));
    await until(() => out.includes('✓ 01 Cache the bootstrap: passed'), 'the passing check', 60_000);
    const greenMs = performance.now() - savedAt;
    expect(out).toContain('saved handler.ts');
    expect(out).toMatch(/progress 1\/10 · next: 02 Handler and adapter/);
    expect(readProgress(progress).exercises[exercise.id]?.status).toBe('passed');

    // Ctrl-C: the client cancels the command in the lab, the watch ends.
    await until(() => watching() === 2, 'the watch to go on', 10_000);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(out).toContain('watch of 01 ended');
    expect(greenMs, `green ${Math.round(greenMs)} ms after the save`).toBeLessThan(45_000);
  });
});
