// The lab service is the one writer of .lab/progress.json. When it starts it finds the file as
// a crash left it: an empty or corrupt file is set aside with one line (never fatal), and the
// temporary files of a writer killed mid-write are removed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';
import {
  readProgress,
  withCurrentIds,
  type ExerciseProgress,
  type Progress,
} from '../../lab/exercises-runner/progress.ts';
import { tidyProgressFile } from '../../lab/service/progress-file.ts';
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

// The exercises were renumbered into lesson order (issue 13): a progress file from before keeps
// the old ids, and a learner's passes must survive the upgrade.
describe('a progress file from before the renumbering', () => {
  const old = {
    version: 1,
    updatedAt: '2026-11-30T10:00:00.000Z',
    exercises: {
      '08-cold-path-diet': entry('passed', '2026-11-30T09:30:00.000Z', '2026-11-30T09:20:00.000Z'),
      '03-event-mapping': entry('failed', '2026-11-30T10:00:00.000Z', null),
    },
  };

  it('reads the old ids as today’s: 08-cold-path-diet is 05, 03-event-mapping is 06', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const path = join(dir, 'progress.json');
    writeFileSync(path, JSON.stringify(old));
    const progress = readProgress(path);
    expect(Object.keys(progress.exercises).sort()).toEqual(['05-cold-path-diet', '06-event-mapping']);
    expect(progress.exercises['05-cold-path-diet']!.passedAt).toBe('2026-11-30T09:20:00.000Z');
    expect(progress.exercises['06-event-mapping']!.status).toBe('failed');
    // The old 08's pass is cold-path-diet's, whatever its number today.
    expect(progress.exercises['05-cold-path-diet']!.status).toBe('passed');
  });

  it('is rewritten under the new ids when the lab starts, saying so in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const path = join(dir, 'progress.json');
    writeFileSync(path, JSON.stringify(old));
    const said: string[] = [];
    tidyProgressFile(path, (line) => said.push(line));
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Progress;
    expect(Object.keys(onDisk.exercises).sort()).toEqual(['05-cold-path-diet', '06-event-mapping']);
    expect(said).toEqual([
      expect.stringMatching(/^progress\.json: 08-cold-path-diet, 03-event-mapping recorded under/),
    ]);
    said.length = 0;
    tidyProgressFile(path, (line) => said.push(line));
    expect(said).toEqual([]);
  });

  it('keeps the newer verdict and the first pass when an old and a new id both have one', () => {
    const progress = withCurrentIds(
      {
        version: 1,
        updatedAt: null,
        exercises: {
          '03-event-mapping': entry('passed', '2026-11-30T09:00:00.000Z', '2026-11-30T09:00:00.000Z'),
          '06-event-mapping': entry('failed', '2026-12-01T09:00:00.000Z', null),
        },
      },
      loadManifest(),
    );
    expect(progress.exercises).toEqual({
      '06-event-mapping': entry('failed', '2026-12-01T09:00:00.000Z', '2026-11-30T09:00:00.000Z'),
    });
  });
});

function entry(status: 'passed' | 'failed', checkedAt: string, passedAt: string | null): ExerciseProgress {
  return { status, checkedAt, passedAt, failure: status === 'failed' ? 'a check' : null };
}
