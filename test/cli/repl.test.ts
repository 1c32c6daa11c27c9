import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labRunDir } from '../support/lab-runs.ts';

const BIN = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));

/** Runs the REPL on pipes, feeding it lines, and returns what it printed. */
function repl(lines: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN], {
      env: { ...process.env, NO_COLOR: '1', ...env, LAB_RUN_DIR: labRunDir(env) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => resolve(out));
    child.stdin.write(lines.join('\n') + '\n');
    child.stdin.end();
  });
}

describe('the lab REPL', () => {
  it('runs the same commands as the shell and keeps its history between sessions', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-history-')), 'history');
    writeFileSync(file, 'invoke health\n');
    const out = await repl(['events --json', 'exit'], { LAB_HISTORY_FILE: file });
    expect(out).toContain('"name":"apigw-v1-get"');
    const saved = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // Newest first, the earlier session's line kept after this one's.
    expect(saved.indexOf('events --json')).toBeGreaterThanOrEqual(0);
    expect(saved.indexOf('events --json')).toBeLessThan(saved.indexOf('invoke health'));
  });

  it('completes a sample name on Tab, drops a prefix while completing, and clears a half-typed line on Ctrl-C', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-history-')), 'history');
    const child = spawn(process.execPath, [BIN], {
      env: { ...process.env, NO_COLOR: '1', LAB_HISTORY_FILE: file, LAB_RUN_DIR: labRunDir({}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Keys one at a time, as a terminal sends them (readline takes a Tab that comes with other
    // keys in one chunk for pasted text); no line is run, so no lab is started.
    const keys = async (text: string, pattern: RegExp) => {
      child.stdin.write(text);
      const deadline = Date.now() + 10_000;
      while (!pattern.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(out).toMatch(pattern);
    };
    await keys('', /lab> $/);
    await keys('npm run lab -- invoke users-al', /users-al$/);
    await keys('\t', /lab> npm run lab -- invoke users-alice $/);
    await keys('\u0003', /users-alice \^C\r?\nlab> $/);
    await keys('leak --variant b', /variant b$/);
    await keys('\t', /lab> leak --variant buggy $/);
    await keys('\u0003', /buggy \^C\r?\nlab> $/);
    child.stdin.end('exit\n');
    await exited;
  });
});
