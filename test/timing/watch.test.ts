// `npm run check -- --watch 01` (issue 13, the learner's loop as short as Rustlings'): it checks
// at once, then again on every save, through the lab, and Ctrl-C leaves; a save of the solution
// turns it green within 3 s. A timing test: `npm test` runs test/timing/ on its own after the main
// run (vitest.timing.config.ts), so the bound measures the watch, not the neighbours. Five saves of
// the solution (each after a save of the starter, which turns it red again) and their median: one
// save is one sample of a machine shared with whatever else runs. The learner's folder is a
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
const SAVES = 5;
const BOUND_MS = 3_000;
let watch: ChildProcess | undefined;
afterAll(() => {
  watch?.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

describe('check --watch', () => {
  it(
    `turns green within ${BOUND_MS / 1000} s of saving the solution, and Ctrl-C leaves`,
    { timeout: 300_000 },
    async () => {
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
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      const count = (text: string) => out.split(text).length - 1;
      const watching = () => out.split('\n').filter((line) => line.startsWith('watching ')).length;
      const save = (edition: 'starter' | 'solution') =>
        writeFileSync(join(learner, exercise.id, 'handler.ts'), editionText(exercise, edition, 'handler.ts'));

      // At once: the starter's verdict, the hint, where the learner stands, and the watch.
      await until(() => watching() === 1, 'the first check', 150_000);
      expect(out).toContain('✗ 01 Cache the bootstrap');
      expect(out).toContain('hint: ');
      expect(out).toMatch(/progress 0\/10 · next: 02 /);
      expect(readProgress(progress).exercises[exercise.id]?.status).toBe('failed');

      // The save: the solution's file over the starter's, as an editor writes it; then the
      // starter's again (red), so the next save of the solution is a change, as a learner's is.
      const greenMs: number[] = [];
      for (let i = 0; i < SAVES; i++) {
        const passedBefore = count('✓ 01 Cache the bootstrap: passed');
        const savedAt = performance.now();
        save('solution');
        await until(() => count('✓ 01 Cache the bootstrap: passed') > passedBefore, 'the passing check', 60_000);
        greenMs.push(performance.now() - savedAt);
        if (i === 0) {
          expect(out).toContain('saved handler.ts');
          // Printed after the verdict: waited for, not timed.
          const standing = /progress 1\/10 · next: 02 Handler and adapter/;
          await until(() => standing.test(out), 'where the learner stands', 10_000);
          expect(readProgress(progress).exercises[exercise.id]?.status).toBe('passed');
        }
        await until(() => watching() === 2 + 2 * i, 'the watch to go on', 10_000);
        if (i === SAVES - 1) break;
        const failedBefore = count('✗ 01 Cache the bootstrap');
        save('starter');
        await until(() => count('✗ 01 Cache the bootstrap') > failedBefore, 'the failing check', 60_000);
        await until(() => watching() === 3 + 2 * i, 'the watch to go on', 10_000);
      }

      // Ctrl-C: the client cancels the command in the lab, the watch ends.
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(out).toContain('watch of 01 ended');
      const sorted = [...greenMs].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const figures = greenMs.map((ms) => Math.round(ms)).join(', ');
      // The figures, for docs/notes/issue-13.md: vitest prints a test's stdout.
      console.log(`check --watch 01: green ${figures} ms after each save, median ${Math.round(median)} ms`);
      expect(median, `green after each save: ${figures} ms (median ${Math.round(median)} ms)`).toBeLessThan(BOUND_MS);
    },
  );
});
