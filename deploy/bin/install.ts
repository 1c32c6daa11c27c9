// `npm run deploy:*` installs this folder's dependencies on first use (and again when the
// lockfile names other versions), so the workbook's own `npm install` stays lean.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = join(import.meta.dirname, '..');

function installed(): boolean {
  const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  // npm ci writes node_modules/.package-lock.json; it names what is installed.
  const marker = join(here, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return false;
  const present = JSON.parse(readFileSync(marker, 'utf8')) as { packages: Record<string, { version?: string }> };
  return Object.entries(lock.packages)
    .filter(([path]) => path.startsWith('node_modules/'))
    .every(([path, entry]) => present.packages[path]?.version === entry.version);
}

if (!installed()) {
  process.stderr.write('deploy: installing the CDK into deploy/node_modules (npm ci --prefix deploy), once\n');
  execFileSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
}
