import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../lab/repo-root.ts';

/**
 * deploy/ has its own dependencies (the CDK). CI installs them (.ci/run); a checkout that never
 * ran `npm run deploy:synth` gets them here, through the same first-use install, so the tests run
 * rather than skip.
 */
export async function ensureDeployInstalled(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'deploy', 'bin', 'install.ts')], { timeout: 300_000 });
}

/** Time for a first install of deploy/ on a slow machine. */
export const INSTALL_TIMEOUT_MS = 300_000;
