// `lab reset`: a learner's version is never lost to another reset, and a file that became a
// folder is named, not an internal error.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { runCommand } from '../../lab/cli/program.ts';
import { writeEdition } from '../../lab/exercises-runner/exercise-files.ts';
import { findExercise } from '../../lab/exercises-runner/manifest.ts';

const ID = '01-cache-the-bootstrap';
const temp = await mkdtemp(join(tmpdir(), 'lab-reset-'));
const learner = join(temp, 'learner');
const backups = join(temp, 'backups');
const lab = new LabContext();
afterAll(async () => {
  await lab.close();
  await rm(temp, { recursive: true, force: true });
});

beforeEach(async () => {
  process.env.LAB_LEARNER_DIR = learner;
  process.env.LAB_BACKUPS_DIR = backups;
  await rm(temp, { recursive: true, force: true });
  await writeEdition(findExercise(ID)!, 'solution', join(learner, ID));
});

async function reset(): Promise<{ code: number; out: string }> {
  let out = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), color: false };
  return { code: await runCommand(['reset', '01'], io, lab), out };
}

describe('lab reset', () => {
  it('keeps every version when two resets come in the same second', async () => {
    await writeFile(join(learner, ID, 'handler.ts'), '// first attempt\n');
    expect((await reset()).code).toBe(0);
    await writeFile(join(learner, ID, 'handler.ts'), '// second attempt\n');
    expect((await reset()).code).toBe(0);
    const kept = await Promise.all(
      (await readdir(backups)).map((folder) => readFile(join(backups, folder, 'handler.ts'), 'utf8')),
    );
    expect(kept.sort()).toEqual(['// first attempt\n', '// second attempt\n']);
  });

  it('names an exercise file that became a folder, in one line', async () => {
    await rm(join(learner, ID, 'handler.ts'));
    await mkdir(join(learner, ID, 'handler.ts'));
    const { code, out } = await reset();
    expect(code).toBe(2);
    expect(out).not.toContain('internal error');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/handler\.ts is a folder, not a file: move it out of the way and run `lab reset 01` again/);
  });
});

describe('help in the REPL', () => {
  it('"help invoke" prints the help of invoke, not the top-level help', async () => {
    const { startRepl } = await import('../../lab/cli/repl.ts');
    const { PassThrough } = await import('node:stream');
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const rl = startRepl({
      input,
      output,
      complete: (line) => [[], line],
      color: false,
      run: (args, io) => runCommand(args, io, lab),
    });
    input.write('help invoke\n');
    const deadline = Date.now() + 5_000;
    while (!/lab> [\s\S]*lab> /.test(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    rl.close();
    expect(text).toMatch(/Usage: lab invoke/);
    expect(text).not.toMatch(/Commands:/);
  });
});
