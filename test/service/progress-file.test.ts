// The lab service is the one writer of .lab/progress.json. When it starts it finds the file as
// a crash left it: an empty or corrupt file is set aside with one line (never fatal), and the
// temporary files of a writer killed mid-write are removed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runLab } from '../cli/run-lab.ts';
import { freshLabRunDir } from '../support/lab-runs.ts';

describe('the progress file at lab start', () => {
  for (const [what, text] of [
    ['empty', ''],
    ['corrupt', '{"version":1,"exercises":{"01-cache'],
  ] as const) {
    it(`sets the file aside when it is ${what}, says so, and commands read no progress from it`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
      const path = join(dir, 'progress.json');
      writeFileSync(path, text);
      writeFileSync(`${path}.12345.deadbeef.tmp`, '{"half": ');
      const runDir = freshLabRunDir();
      const env = { DATABASE_URL: inject('databaseUrl'), LAB_PROGRESS_PATH: path };
      // `containers` starts the lab; `solution` then reads progress (in the lab, or the client).
      const started = await runLab(['containers'], { env, runDir });
      expect(started.code, started.stderr).toBe(0);
      const solution = await runLab(['solution', '01'], { env, runDir });
      expect(solution.stderr).not.toContain('internal error');
      expect(solution.code).toBe(2);
      const files = readdirSync(dir);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const aside = files.find((f) => f.startsWith('progress.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(readFileSync(join(dir, aside!), 'utf8')).toBe(text);
      expect(existsSync(path)).toBe(false);
      const log = readFileSync(join(runDir, 'lab.log'), 'utf8');
      expect(log).toMatch(/progress\.json was (empty|not valid JSON): set aside as progress\.json\.corrupt-/);
      await runLab(['stop'], { env, runDir });
    }, 60_000);
  }
});
