// `npm install && npm start` on a Node older than 24 (Node 20 is still many distributions'
// default): one line with the fix and exit 1, before anything the old Node cannot run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/require-node.mjs';
import { REPO_ROOT } from '../../lab/repo-root.ts';

/** Debian's own Node (20 on bookworm/trixie-era CI images); LAB_OLD_NODE names another. */
const OLD_NODE = process.env.LAB_OLD_NODE ?? '/usr/bin/node';
const LINE =
  /^lab: Boundary Lab needs Node\.js 24 or newer \(this is Node (\d+)\.\d+\.\d+\): install it \(e\.g\. `nvm install 24`, or `npm install -g node@24`\), then run `([^`]+)` again\.\n$/;

function oldNodeMajor(): number {
  const version = execFileSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  return Number(version.split('.')[0]);
}

describe('an older Node', () => {
  it('names the Node it found and the command to run again', () => {
    expect(nodeVersionProblem('v20.20.2', { npm_lifecycle_event: 'start' })).toBe(
      'lab: Boundary Lab needs Node.js 24 or newer (this is Node 20.20.2): install it (e.g. `nvm install 24`, ' +
        'or `npm install -g node@24`), then run `npm start` again.',
    );
    expect(nodeVersionProblem('v18.19.0', { npm_lifecycle_event: 'check' })).toContain('run `npm run check` again');
    expect(nodeVersionProblem('v22.12.0', { npm_lifecycle_event: 'npx' })).toContain('run `npx lab` again');
    expect(nodeVersionProblem('v22.12.0', {})).toContain('run `npm start` again');
    expect(nodeVersionProblem('v24.0.0', {})).toBeNull();
    expect(nodeVersionProblem('v26.1.0', {})).toBeNull();
  });

  it(`runs bin/lab.mjs start on ${OLD_NODE}: the one line on stderr, exit 1, nothing else`, () => {
    expect(oldNodeMajor(), `${OLD_NODE} must be a Node older than 24 (set LAB_OLD_NODE)`).toBeLessThan(24);
    for (const args of [['start'], ['check', '01'], ['invoke', 'apigw-v2-get'], []]) {
      const run = spawnSync(OLD_NODE, ['bin/lab.mjs', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 });
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(LINE);
      expect(LINE.exec(run.stderr)![1]).toBe(String(oldNodeMajor()));
    }
  });

  it('is what `npm start` and `npm test` print with that Node first on PATH', () => {
    const bin = mkdtempSync(join(tmpdir(), 'old-node-'));
    symlinkSync(OLD_NODE, join(bin, 'node'));
    // npm itself runs on Node 20; its scripts find `node` on PATH, as on a learner's machine.
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    for (const [script, again] of [
      [['start'], 'npm start'],
      [['test'], 'npm test'],
      [['run', 'check'], 'npm run check'],
    ] as const) {
      const started = Date.now();
      const run = spawnSync('npm', [...script], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30_000 });
      expect(run.status, again).not.toBe(0);
      expect(run.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|    at /);
      expect(LINE.exec(run.stderr)?.[2], run.stderr).toBe(again);
      expect(Date.now() - started, `${again} answers at once`).toBeLessThan(15_000);
    }
  });
});
