import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, type FreshBuildOptions } from '../../lab/runtime/build.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { sleep } from './helpers.ts';

// A tiny esbuild-only build, so these tests measure the freshness logic rather than tsc.
const ROOT = join(REPO_ROOT, '.lab', `build-test-${process.pid}`);
const SRC = join(ROOT, 'src');
let round = 0;
let options: FreshBuildOptions;

beforeEach(async () => {
  round += 1;
  const src = join(SRC, String(round));
  await mkdir(join(src, 'lib'), { recursive: true });
  await writeFile(join(src, 'main.ts'), "import { word } from './lib/word.ts';\nconsole.log(word satisfies string);\n");
  await writeFile(join(src, 'lib', 'word.ts'), "export const word: string = 'first';\n");
  options = {
    kind: 'runtime',
    entry: relative(REPO_ROOT, join(src, 'main.ts')),
    outDir: join(ROOT, 'out', String(round)),
    sources: [relative(REPO_ROOT, src)],
  };
});

afterAll(() => rm(ROOT, { recursive: true, force: true }));

async function touch(path: string): Promise<void> {
  await sleep(5); // later than the build's sourcesAt, whatever the clock's resolution
  const now = new Date();
  await utimes(path, now, now);
}

describe('buildIfStale', () => {
  it('builds once, then returns the recorded artifact while no source is newer', async () => {
    const built = await buildIfStale(options);
    const bundleWrittenAt = (await stat(built.bundledPath)).mtimeMs;
    const again = await buildIfStale(options);
    expect(again).toEqual(built);
    expect((await stat(built.bundledPath)).mtimeMs).toBe(bundleWrittenAt);
    const recorded = JSON.parse(await readFile(join(options.outDir!, 'artifact.json'), 'utf8')) as { version: string };
    expect(recorded.version).toBe(built.version);
  });

  it('rebuilds when a source in a sources folder is touched after the build', async () => {
    const built = await buildIfStale(options);
    const word = join(REPO_ROOT, options.sources[0]!, 'lib', 'word.ts');
    await touch(word);
    const touched = await buildIfStale(options);
    expect(touched.sourcesAt).toBeGreaterThan(built.sourcesAt);
    expect(touched.version).toBe(built.version); // same bytes in, same bundle out
    await sleep(5);
    await writeFile(word, "export const word: string = 'second';\n");
    const edited = await buildIfStale(options);
    expect(edited.version).not.toBe(built.version);
    expect(await readFile(edited.bundledPath, 'utf8')).toContain('second');
    expect(await buildIfStale(options)).toEqual(edited);
  });

  it('builds when forced, even with nothing changed', async () => {
    const built = await buildIfStale(options);
    await sleep(5);
    const forced = await buildIfStale({ ...options, force: true });
    expect(forced.sourcesAt).toBeGreaterThan(built.sourcesAt);
  });

  it('shares one build between concurrent calls of one process', async () => {
    const [a, b, c] = await Promise.all([buildIfStale(options), buildIfStale(options), buildIfStale(options)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('lets concurrent lab processes take turns: the second finds the first one’s build fresh', async () => {
    const script = `
      const { buildIfStale } = await import(${JSON.stringify(join(REPO_ROOT, 'lab/runtime/build.ts'))});
      const artifact = await buildIfStale(${JSON.stringify(options)});
      process.stdout.write(String(artifact.sourcesAt));`;
    const runs = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    expect(runs[0]).toMatch(/^\d+$/);
    expect(runs[1]).toBe(runs[0]);
  });
});
