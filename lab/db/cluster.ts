import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LabDbError } from './errors.ts';
import type { PgBinaries, RunAs } from './pg-install.ts';
import { isAlive, processCommandLine, waitFor } from './processes.ts';

/** Everything one lab database keeps on disk, under one folder (default `<repo>/.lab/pg`). */
export type PgPaths = {
  home: string;
  data: string;
  /** PostgreSQL's own lock: pid on line 1, port on line 4, "ready" on line 8. */
  pidFile: string;
  log: string;
  /** The owner lock: see owner-lock.ts. */
  lock: string;
  /** Written after a cluster is fully initialised; a data dir without it is half-made. */
  marker: string;
  sockets: string;
};

export function pgPaths(home: string): PgPaths {
  const data = path.join(home, 'data');
  return {
    home,
    data,
    pidFile: path.join(data, 'postmaster.pid'),
    log: path.join(home, 'postgres.log'),
    lock: path.join(home, 'owner.lock'),
    marker: path.join(home, 'cluster.json'),
    sockets: path.join(home, 'run'),
  };
}

type Marker = { major: number; user: string; initializedAt: string };

/** 'ready' to start, 'missing' (never made) or 'broken' (half-made, or another major version). */
export function clusterState(paths: PgPaths, major: number, user: string): 'ready' | 'missing' | 'broken' {
  const hasData = fs.existsSync(paths.data) && fs.readdirSync(paths.data).length > 0;
  let marker: Marker | null = null;
  try {
    marker = JSON.parse(fs.readFileSync(paths.marker, 'utf8')) as Marker;
  } catch {
    marker = null;
  }
  if (!hasData) return 'missing';
  let pgVersion = '';
  try {
    pgVersion = fs.readFileSync(path.join(paths.data, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return 'broken';
  }
  const ok =
    marker?.major === major &&
    marker.user === user &&
    pgVersion === String(major) &&
    fs.existsSync(path.join(paths.data, 'global', 'pg_control'));
  return ok ? 'ready' : 'broken';
}

export function writeMarker(paths: PgPaths, major: number, user: string): void {
  const marker: Marker = { major, user, initializedAt: new Date().toISOString() };
  fs.writeFileSync(paths.marker, `${JSON.stringify(marker, null, 2)}\n`);
}

/**
 * initdb into a fresh data directory (anything there is removed first: lab data is disposable).
 * Password auth for every connection, UTF-8, C locale, no fsync during init. Returns its duration.
 */
export async function initCluster(
  paths: PgPaths,
  bins: PgBinaries,
  runAs: RunAs,
  credentials: { user: string; password: string },
): Promise<number> {
  const started = performance.now();
  fs.rmSync(paths.marker, { force: true });
  fs.rmSync(paths.data, { recursive: true, force: true });
  fs.mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(paths.home, `.pwfile-${process.pid}`);
  fs.writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) {
    fs.chownSync(paths.data, runAs.uid, runAs.gid);
    fs.chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const args = [
      `--pgdata=${paths.data}`,
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ];
    const { code, output } = await run(bins.initdb, args, runAs, paths.home);
    if (code !== 0) {
      const line = output.split('\n').find((l) => /error|fatal|denied/i.test(l)) ?? output.trim().split('\n').at(-1);
      throw new LabDbError(
        `initdb failed to create the lab cluster in ${paths.data}: ${line ?? `exit code ${code}`}`,
        runAs
          ? `PostgreSQL runs as the \`postgres\` user here: it must be able to write ${paths.home}; or set DATABASE_URL`
          : `check that ${paths.home} is writable and the disk is not full; or set DATABASE_URL`,
      );
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  return performance.now() - started;
}

function run(command: string, args: string[], runAs: RunAs, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ?? {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The pid recorded in postmaster.pid, or null when there is no such file. */
export function postmasterPid(paths: PgPaths): number | null {
  try {
    const pid = Number(fs.readFileSync(paths.pidFile, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True when postmaster.pid names `pid` and says the server accepts connections. */
export function postmasterReady(paths: PgPaths, pid: number): boolean {
  try {
    const lines = fs.readFileSync(paths.pidFile, 'utf8').split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

/**
 * Called with the owner lock just taken: only an owner runs a postmaster, so one still running on
 * this data directory is an orphan (its owner was SIGKILLed): fast-shutdown it and wait.
 * A postmaster.pid whose process is gone is stale: remove it. Returns what it found.
 */
export async function clearLeftoverServer(paths: PgPaths): Promise<'none' | 'stale-pid-file' | 'stopped-orphan'> {
  const pid = postmasterPid(paths);
  if (pid === null) return 'none';
  const command = processCommandLine(pid);
  const isPostgres = command === null ? isAlive(pid) : command.includes('postgres');
  if (!isAlive(pid) || !isPostgres) {
    fs.rmSync(paths.pidFile, { force: true });
    return 'stale-pid-file';
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: abort transactions, close sessions, checkpoint
  if (!(await waitFor(() => !isAlive(pid), 15_000))) {
    process.kill(pid, 'SIGQUIT'); // immediate shutdown
    if (!(await waitFor(() => !isAlive(pid), 5_000))) {
      throw new LabDbError(
        `an old lab PostgreSQL (pid ${pid}) on ${paths.data} does not stop`,
        `stop it by hand (kill -9 ${pid}) and try again`,
      );
    }
  }
  fs.rmSync(paths.pidFile, { force: true });
  return 'stopped-orphan';
}
