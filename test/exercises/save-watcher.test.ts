// The watch behind `lab check --watch`: one check per save however many events the editor's save
// makes, saves of swap and backup files ignored, saves during a check ignored (Rustlings' rule)
// and named afterwards, and a save by rename (vim, JetBrains) seen like a write.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSourceSave, SaveWatcher } from '../../lab/exercises-runner/save-watcher.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let watcher: SaveWatcher | undefined;
let folder: string;
afterEach(() => {
  watcher?.close();
  rmSync(folder, { recursive: true, force: true });
});

function watch(onSave: (files: string[]) => Promise<void>, ignored: string[][] = []): void {
  folder = mkdtempSync(join(tmpdir(), 'lab-watch-'));
  writeFileSync(join(folder, 'handler.ts'), '// starter\n');
  watcher = new SaveWatcher({
    folders: new Map([[folder, '01']]),
    debounceMs: 50,
    onSave: (_key, files) => onSave(files),
    onIgnored: (files) => ignored.push(files),
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('the save watcher', () => {
  it('checks once for a burst of writes to one file', async () => {
    const saves: string[][] = [];
    watch(async (files) => void saves.push(files));
    for (let i = 0; i < 5; i++) writeFileSync(join(folder, 'handler.ts'), `// edit ${i}\n`);
    await until(() => saves.length === 1, 'the check');
    await sleep(200);
    expect(saves).toEqual([['handler.ts']]);
  });

  it('sees a save by rename, and ignores swap and backup files', async () => {
    const saves: string[][] = [];
    watch(async (files) => void saves.push(files));
    writeFileSync(join(folder, '.handler.ts.swp'), 'x');
    writeFileSync(join(folder, 'handler.ts~'), 'x');
    await sleep(200);
    expect(saves).toEqual([]);
    writeFileSync(join(folder, 'handler.ts.tmp-save'), '// saved\n');
    renameSync(join(folder, 'handler.ts.tmp-save'), join(folder, 'handler.ts'));
    await until(() => saves.length === 1, 'the check after a rename');
    expect(saves[0]).toEqual(['handler.ts']);
  });

  it('ignores saves while a check runs and says which files it ignored', async () => {
    const saves: string[][] = [];
    const ignored: string[][] = [];
    let finish: () => void = () => {};
    watch((files) => {
      saves.push(files);
      return new Promise<void>((resolve) => (finish = resolve));
    }, ignored);
    writeFileSync(join(folder, 'handler.ts'), '// first\n');
    await until(() => saves.length === 1, 'the first check');
    writeFileSync(join(folder, 'app.ts'), '// during the check\n');
    await sleep(200);
    expect(saves).toHaveLength(1);
    finish();
    await until(() => ignored.length === 1, 'the note about the ignored save');
    expect(ignored).toEqual([['app.ts']]);
    await sleep(200);
    expect(saves).toHaveLength(1);
    // The next save is checked again.
    writeFileSync(join(folder, 'handler.ts'), '// again\n');
    await until(() => saves.length === 2, 'the check after the next save');
    finish();
  });

  it('counts as a save only a TypeScript file of the exercise', () => {
    expect(['handler.ts', 'me.controller.ts'].every(isSourceSave)).toBe(true);
    expect(['.handler.ts.swp', 'handler.ts~', '.#handler.ts', 'README.md', '4913'].some(isSourceSave)).toBe(false);
  });
});
