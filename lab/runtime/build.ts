import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
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
}

export interface BuildOptions {
  /** tsconfig that compiles the handler (decorator metadata on). */
  tsconfig?: string;
  /** The handler source, relative to the repo, e.g. `lab/handler.ts`. */
  entry?: string;
  /** Where the artifact goes; defaults to .lab/build. */
  outDir?: string;
}

/** Build = deploy: tsc (Nest's DI needs the decorator metadata only tsc emits), then esbuild. */
export async function buildHandler(options: BuildOptions = {}): Promise<Artifact> {
  const startedAt = performance.now();
  const tsconfig = resolve(REPO_ROOT, options.tsconfig ?? 'tsconfig.app.json');
  const entry = options.entry ?? 'lab/handler.ts';
  const outDir = options.outDir ?? BUILD_DIR;
  const tscOut = join(outDir, 'tsc');
  await compile(tsconfig, tscOut);
  const unbundledPath = join(tscOut, entry.replace(/\.ts$/, '.js'));
  const bundledPath = join(outDir, 'bundle', entry.replace(/\.ts$/, '.mjs'));
  await mkdir(join(bundledPath, '..'), { recursive: true });
  await esbuild.build({
    entryPoints: [unbundledPath],
    outfile: bundledPath,
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
  });
  const bundle = await readFile(bundledPath);
  return {
    unbundledPath,
    bundledPath,
    version: createHash('sha256').update(bundle).digest('hex').slice(0, 12),
    bundleBytes: bundle.length,
    buildMs: Math.round(performance.now() - startedAt),
  };
}

async function compile(tsconfig: string, outDir: string): Promise<void> {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await run(tsc, ['-p', tsconfig, '--outDir', outDir, '--rootDir', REPO_ROOT], { cwd: REPO_ROOT });
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
  await writeFile(
    join(outDir, 'artifact.json'),
    JSON.stringify({ ...artifact, root: relative(outDir, REPO_ROOT) }, null, 2),
  );
}
