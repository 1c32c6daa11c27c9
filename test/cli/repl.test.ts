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
});
