import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';
import { BUILD_DIR, buildIfStale } from './build.ts';

export interface DeployableHandler {
  /** The module the environment loads. */
  path: string;
  /** Changes when the code does: a new version is a new deployment. */
  version: string;
  /**
   * The same code with its packages resolved from node_modules at run time (the tsc output of a
   * `.ts` file; a `.js` file itself): where `lab verify` can find the @nestjs/core the code uses.
   */
  unbundledPath: string;
}

/**
 * A learner's own handler file (`lab invoke --handler`), made ready to deploy. JavaScript runs as
 * it is, as a zip upload would; TypeScript is compiled as the lab compiles its own app (tsc with
 * tsconfig.app.json's options, so Nest's decorator metadata is there, then the esbuild bundle),
 * and rebuilt when the file changed. A file that does not exist is deployed as it is: the
 * environment's init then fails with Runtime.ImportModuleError, as on AWS.
 */
export async function deployableHandler(absolutePath: string): Promise<DeployableHandler> {
  const info = await stat(absolutePath).catch(() => undefined);
  if (!absolutePath.endsWith('.ts') || !info) {
    return { path: absolutePath, version: String(info?.mtimeMs ?? 'missing'), unbundledPath: absolutePath };
  }
  const outDir = join(BUILD_DIR, 'handlers', createHash('sha256').update(absolutePath).digest('hex').slice(0, 16));
  const tsconfig = join(outDir, 'tsconfig.json');
  await mkdir(outDir, { recursive: true });
  // Only this file (and what it imports), with the app's compiler options.
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.app.json'),
      // ES modules whatever package.json is near the file, as the lab's own app is; esbuild bundles it.
      compilerOptions: { module: 'esnext', moduleResolution: 'bundler' },
      include: [],
      files: [absolutePath],
    }),
  );
  const artifact = await buildIfStale({
    entry: absolutePath,
    outDir,
    tsconfig,
    rootDir: '/',
    sources: [absolutePath, 'tsconfig.app.json'],
  });
  return { path: artifact.bundledPath, version: artifact.version, unbundledPath: artifact.unbundledPath };
}
