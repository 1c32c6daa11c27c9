// A progress file corrupted while a lab runs (a full disk, a hand edit) is set aside with one
// line, never an internal error (issue 14: "an empty/corrupt file makes check and solution fail").
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordCheck } from '../../lab/exercises-runner/progress.ts';
import { runLab } from './run-lab.ts';

describe('a corrupt progress file', () => {
  it('is set aside by the next verdict, which is recorded in a fresh file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const file = join(dir, 'progress.json');
    writeFileSync(file, '{"version":1,"exercises":');
    const said: string[] = [];
    recordCheck('01-cache-the-bootstrap', true, null, file, (line) => said.push(line));
    expect(said).toEqual([
      expect.stringMatching(/^progress\.json was not valid JSON: set aside as progress\.json\.corrupt-/),
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8')).exercises['01-cache-the-bootstrap'].status).toBe('passed');
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('makes `solution` say so in one line and answer as for no progress, not fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const file = join(dir, 'progress.json');
    writeFileSync(file, '');
    const run = await runLab(['solution', '01'], { env: { LAB_PROGRESS_PATH: file } });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr).toMatch(/^lab: progress\.json was empty: set aside as /m);
    expect(run.stderr).toMatch(/The solution of 01 opens once your own passes/);
  });
});
