import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../repo-root.ts';
import { withLock } from './file-lock.ts';
import { TscWatch } from './tsc-watch.ts';

export const BUILD_DIR = join(REPO_ROOT, '.lab', 'build');

const run = promisify(execFile);

/**
 * Packages Nest and pg load only if they are installed (optional transports, native bindings).
 * They stay outside the bundle, exactly as `require` would fail to find them in a deployed zip.
 */
const OPTIONAL_EXTERNALS = [
  '@nestjs/microservices',
  '@nestjs/microservices/microservices-module',
  '@nestjs/websockets',
  '@nestjs/websockets/socket-module',
  '@fastify/static',
  '@fastify/view',
  'class-transformer/storage',
  'pg-native',
];

export interface Artifact {
  /** The tsc output: many files, node_modules resolved at run time. */
  unbundledPath: string;
  /** esbuild's single file: what a real deployment would ship. */
  bundledPath: string;
  /** A content hash of the bundle: a new build is a new version. */
  version: string;
  bundleBytes: number;
  buildMs: number;
  /** Wall clock (epoch ms) when the build began reading its sources: a source newer than this is not in it. */
  sourcesAt: number;
}

export interface BuildOptions {
  /** tsconfig that compiles the handler (decorator metadata on). */
  tsconfig?: string;
  /** The handler source, relative to the repo, e.g. `lab/handler.ts`. */
  entry?: string;
  /** Where the artifact goes; defaults to .lab/build. */
  outDir?: string;
  /**
   * 'handler' (default): tsc, then the deployment bundle. 'runtime': esbuild alone, unminified,
   * for the lab's own erasable TypeScript (the container entry), which needs no decorator
   * metadata; its `unbundledPath` is the source itself, as Node would run it.
   */
  kind?: 'handler' | 'runtime';
  /** tsc's rootDir (the repo): a handler outside the repo compiles from '/'. */
  rootDir?: string;
  /**
   * The bundle's source map (default on: a deployment ships one). An exercise's check turns it
   * off: nothing in a check reads it (Node applies none without --enable-source-maps), and
   * composing it from tsc's maps is half of esbuild's time (~0.45 of 0.9 s on a 2 MB bundle).
   */
  sourcemap?: boolean;
  /**
   * Build again and again into the same outDir, warm (a watch): tsc runs in watch mode and
   * esbuild keeps its context, so each build redoes only what changed. Same output, same errors.
   */
  rebuild?: Rebuild;
}

/** What a warm rebuild keeps between builds of one handler into one outDir (handler kind only). */
export interface Rebuild {
  /**
   * Set by whoever stages the sources before each build: when the last changed file was written
   * (Date.now()), or undefined if none changed since the last build.
   */
  changedAt: number | undefined;
  /** tsc in watch mode over the tsconfig, started on the first build. */
  tsc?: TscWatch;
  /** esbuild's context for the entry, made on the first build. */
  context?: esbuild.BuildContext;
}

/** Ends a rebuild's tsc and esbuild. */
export async function disposeRebuild(rebuild: Rebuild): Promise<void> {
  rebuild.tsc?.close();
  rebuild.tsc = undefined;
  const context = rebuild.context;
  rebuild.context = undefined;
  await context?.dispose();
}

/** What the lab handler's build reads (tsc compiles the whole project, so all of it). */
export const APP_SOURCES = ['lab/handler.ts', 'lab/app', 'tsconfig.app.json'] as const;

/** Build = deploy: tsc (Nest's DI needs the decorator metadata only tsc emits), then esbuild. */
export async function buildHandler(options: BuildOptions = {}): Promise<Artifact> {
  const startedAt = performance.now();
  const sourcesAt = Date.now();
  const entry = options.entry ?? 'lab/handler.ts';
  const outDir = options.outDir ?? BUILD_DIR;
  const bundledPath = join(outDir, 'bundle', entry.replace(/\.ts$/, '.mjs'));
  let unbundledPath: string;
  if (options.kind === 'runtime') {
    unbundledPath = join(REPO_ROOT, entry);
    await mkdir(join(bundledPath, '..'), { recursive: true });
    await esbuild.build({ ...RUNTIME_BUNDLE, entryPoints: [unbundledPath], outfile: bundledPath });
  } else {
    const tscOut = join(outDir, 'tsc');
    const tsconfig = resolve(REPO_ROOT, options.tsconfig ?? 'tsconfig.app.json');
    const rootDir = options.rootDir ?? REPO_ROOT;
    const rebuild = options.rebuild;
    if (rebuild) {
      rebuild.tsc ??= new TscWatch(tsconfig, tscOut, rootDir);
      const diagnostics = await rebuild.tsc.diagnostics(rebuild.changedAt);
      // The watch did not answer: the same compile, once, as a cold build makes it.
      if (diagnostics === undefined) await compile(tsconfig, tscOut, rootDir);
      else if (diagnostics) throw new BuildError(`The handler does not compile:\n${diagnostics}`);
    } else {
      await compile(tsconfig, tscOut, rootDir);
    }
    unbundledPath = join(tscOut, entry.replace(/\.ts$/, '.js'));
    await mkdir(join(bundledPath, '..'), { recursive: true });
    const bundle = {
      ...HANDLER_BUNDLE,
      ...(options.sourcemap === false ? { sourcemap: false } : {}),
      entryPoints: [unbundledPath],
      outfile: bundledPath,
    };
    if (options.rebuild) {
      options.rebuild.context ??= await esbuild.context(bundle);
      await options.rebuild.context.rebuild();
    } else {
      await esbuild.build(bundle);
    }
  }
  const bundle = await readFile(bundledPath);
  return {
    unbundledPath,
    bundledPath,
    version: createHash('sha256').update(bundle).digest('hex').slice(0, 12),
    bundleBytes: bundle.length,
    buildMs: Math.round(performance.now() - startedAt),
    sourcesAt,
  };
}

/** What a real deployment would ship. */
const HANDLER_BUNDLE: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  // CommonJS packages inside an ESM bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);",
  },
  external: OPTIONAL_EXTERNALS,
  // Prefer packages' ES module builds (rxjs ships one): esbuild can tree-shake those, and
  // the bundle evaluates less at cold start. AWS CDK's NodejsFunction does the same for ESM.
  mainFields: ['module', 'main'],
  // Nest reads class names at run time (DI tokens, logs): keep them.
  keepNames: true,
  minify: true,
  sourcemap: 'linked',
  logLevel: 'silent',
};

/** The lab's own script for inside a container: types stripped, imports inlined, nothing else. */
const RUNTIME_BUNDLE: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  logLevel: 'silent',
};

export interface FreshBuildOptions extends BuildOptions {
  /** What the build reads, relative to the repo: files, and folders (every .ts file under them). */
  sources: readonly string[];
  /** Build even if no source changed (`lab build`). */
  force?: boolean;
}

const pending = new Map<string, Promise<Artifact>>();

/**
 * The artifact in `outDir` (recorded in its artifact.json) if no source is newer than it; else
 * a new build, recorded there. Calls in one process for one outDir share one promise; lab
 * processes take turns through a lock file beside outDir, and whoever comes second finds the
 * first one's build fresh.
 */
export function buildIfStale(options: FreshBuildOptions): Promise<Artifact> {
  const outDir = options.outDir ?? BUILD_DIR;
  const earlier = pending.get(outDir);
  if (earlier && !options.force) return earlier;
  // A forced build waits for the one under way: both write the same files.
  const next = (earlier?.catch(() => undefined) ?? Promise.resolve()).then(() => freshOrBuilt(options, outDir));
  pending.set(outDir, next);
  const settle = () => {
    if (pending.get(outDir) === next) pending.delete(outDir);
  };
  next.then(settle, settle);
  return next;
}

async function freshOrBuilt(options: FreshBuildOptions, outDir: string): Promise<Artifact> {
  // Checked before the lock too: the fresh path, by far the common one, then writes nothing.
  const fresh = options.force ? undefined : await recordedIfFresh(outDir, options.sources);
  if (fresh) return fresh;
  return withLock(`${outDir}.lock`, async () => {
    const builtMeanwhile = options.force ? undefined : await recordedIfFresh(outDir, options.sources);
    if (builtMeanwhile) return builtMeanwhile;
    const built = await buildHandler({ ...options, outDir });
    await recordArtifact(built, outDir);
    return built;
  });
}

async function recordedIfFresh(outDir: string, sources: readonly string[]): Promise<Artifact | undefined> {
  const artifact = await readRecordedArtifact(outDir);
  if (!artifact) return undefined;
  return (await newestSourceMs(sources)) < artifact.sourcesAt ? artifact : undefined;
}

/** The artifact recorded in outDir, if its files are still there. */
async function readRecordedArtifact(outDir = BUILD_DIR): Promise<Artifact | undefined> {
  try {
    const recorded = JSON.parse(await readFile(join(outDir, 'artifact.json'), 'utf8')) as Artifact & { root?: string };
    const { unbundledPath, bundledPath, version, bundleBytes, buildMs, sourcesAt } = recorded;
    // A record from before sourcesAt was kept cannot say what it was built from.
    if (typeof sourcesAt !== 'number') return undefined;
    await Promise.all([stat(bundledPath), stat(unbundledPath)]);
    return { unbundledPath, bundledPath, version, bundleBytes, buildMs, sourcesAt };
  } catch {
    return undefined;
  }
}

async function newestSourceMs(sources: readonly string[]): Promise<number> {
  const mtimes = await Promise.all(
    sources.map(async (source) => {
      // resolve, not join: a learner's handler (lab invoke --handler) is an absolute path anywhere.
      const path = resolve(REPO_ROOT, source);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isDirectory()) return info?.mtimeMs ?? 0;
      const files = (await readdir(path, { recursive: true })).filter((f) => f.endsWith('.ts'));
      const inner = await Promise.all(
        files.map(async (f) => (await stat(join(path, f)).catch(() => undefined))?.mtimeMs ?? 0),
      );
      return Math.max(0, ...inner);
    }),
  );
  return Math.max(0, ...mtimes);
}

async function compile(tsconfig: string, outDir: string, rootDir: string): Promise<void> {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await run(tsc, ['-p', tsconfig, '--outDir', outDir, '--rootDir', rootDir], { cwd: REPO_ROOT });
  } catch (error) {
    const out = (error as { stdout?: string }).stdout ?? String(error);
    throw new BuildError(`The handler does not compile:\n${out.trim()}`);
  }
}

export class BuildError extends Error {
  override name = 'BuildError';
}

/** Writes the artifact's description next to it, so other lab processes can find the current version. */
export async function recordArtifact(artifact: Artifact, outDir = BUILD_DIR): Promise<void> {
  // Renamed into place: a reader in another process sees the old record or the new, never half.
  const path = join(outDir, 'artifact.json');
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ ...artifact, root: relative(outDir, REPO_ROOT) }, null, 2));
  await rename(temporary, path);
}
