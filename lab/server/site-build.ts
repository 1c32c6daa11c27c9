// `npm start` serves dist/; it builds it first when it is missing or older than its sources.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What the site is built from: a newer file here means dist/ is stale. */
const SOURCES = ['content', 'src', 'astro.config.mjs', 'public'];

export type SiteState = { stale: false; builtAt: number } | { stale: true; reason: string };

function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    } catch {
      // Removed while we looked.
    }
  }
  return newest;
}

export function siteState(root: string, distDir: string): SiteState {
  let builtAt: number;
  try {
    builtAt = statSync(join(distDir, 'index.html')).mtimeMs;
  } catch {
    return { stale: true, reason: 'dist/ is missing' };
  }
  const newer = SOURCES.find((source) => newestMtime(join(root, source)) > builtAt);
  return newer
    ? { stale: true, reason: `${newer}/ changed since the last build`.replace('.mjs/', '.mjs') }
    : { stale: false, builtAt };
}

export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
}

/**
 * Runs `astro build` in a child process. `progress` gets one short line at a time (the last line
 * astro printed); on failure the error carries astro's last lines.
 */
export function buildSite(root: string, progress: (line: string) => void, signal?: AbortSignal): Promise<number> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onAbort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    const take = (chunk: Buffer) => {
      for (const raw of chunk.toString('utf8').split('\n')) {
        // eslint-disable-next-line no-control-regex
        const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
        if (!line) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        progress(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => reject(new SiteBuildError(`cannot run astro build: ${error.message}`)));
    child.on('exit', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (code === 0) resolve(performance.now() - began);
      else reject(new SiteBuildError(`astro build failed (${sig ?? `exit code ${code}`}):\n${tail.join('\n')}`));
    });
  });
}
