import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../repo-root.ts';
import { clearLeftoverServer, clusterState, initCluster, pgPaths, writeMarker, type PgPaths } from './cluster.ts';
import { LabDbError, isLabDbError } from './errors.ts';
import { createCredentials, readCredentials, type LabCredentials } from './credentials.ts';
import { launch, type LaunchOptions } from './launch.ts';
import { logToStderr, superviseFrom } from './supervise.ts';
import { own, relinquish } from './ownership.ts';
import { blockedAncestor, loadPgBinaries, postgresRunAs } from './pg-install.ts';

/** The repository root: two folders up from this file. */
export const defaultPgHome = path.join(REPO_ROOT, '.lab', 'pg');

/**
 * 127.0.0.1 is every local user's: the passwords are random per cluster, kept in a file only this
 * account can read (credentials.ts). The app, the exercises and the migrations connect as `lab`,
 * which owns the lab database and is no superuser (a superuser can run shell commands with COPY
 * ... TO PROGRAM); `lab_admin`, the superuser, only creates that role and database.
 */
export const LAB_DB_USER = 'lab';
export const LAB_DB_ADMIN = 'lab_admin';
export const LAB_DB_NAME = 'lab';
export const DEFAULT_MAX_CONNECTIONS = 40;

export type EmbeddedPostgresOptions = {
  /** Folder for data/, postgres.log, the owner lock (default `<repo>/.lab/pg`). */
  home?: string;
  /** Server `max_connections` (default 40). superuser_reserved_connections is 0, so N clients fit, the N+1st gets 53300. */
  maxConnections?: number;
  /** Server `idle_session_timeout` in ms; 0 (the default) is off. */
  idleSessionTimeoutMs?: number;
  /** Any other server settings, passed as `-c name=value`. */
  settings?: Record<string, string | number | boolean>;
  /** Progress lines ("creating the lab cluster", recoveries); default: none. */
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /** Fast shutdown, waits until the postmaster has exited, then releases the owner lock. Idempotent. */
  stop(): Promise<void>;
  postmasterPid: number;
  maxConnections: number;
  /** Appears in every server process title: `pgrep -f <clusterName>` lists them all. */
  clusterName: string;
  paths: PgPaths;
  /** What was cleaned up first: a stale postmaster.pid, an orphan server, a half-made cluster. */
  recovered: string[];
  /** stopMs: how long stopping the server took; null until it has stopped. */
  timings: { initdbMs: number | null; startMs: number; totalMs: number; stopMs: () => number | null };
};

/**
 * Starts the lab's PostgreSQL 18 on `home`, owned by this process until stop() or until the
 * process ends (ownership.ts). Another live owner of the home is an error that names it; an
 * orphan server of a dead one is stopped first. initdb runs only when there is no complete cluster.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const began = performance.now();
  const paths = pgPaths(path.resolve(options.home ?? defaultPgHome));
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 10_000) {
    throw new LabDbError(
      `max_connections must be a whole number from 1 to 10000, not ${maxConnections}`,
      'pass another maxConnections',
    );
  }
  const log = options.onLog ?? (() => {});
  prepareHome(paths);
  const ownership = await own(paths);
  try {
    const recovered: string[] = [];
    const leftover = await clearLeftoverServer(paths);
    if (leftover !== 'none') {
      recovered.push(leftover);
      log(
        leftover === 'stopped-orphan'
          ? 'stopped a lab PostgreSQL left running by a dead process'
          : 'removed a stale postmaster.pid',
      );
    }
    const bins = await loadPgBinaries();
    const runAs = postgresRunAs();
    const blocked = blockedAncestor(paths.home, runAs);
    if (blocked) {
      throw new LabDbError(
        `PostgreSQL runs as the \`postgres\` user here, and that user cannot enter ${blocked}`,
        `let it through (chmod o+x ${blocked}), move the repository, or set DATABASE_URL`,
      );
    }
    let initdbMs: number | null = null;
    // A cluster of the fixed-password days (superuser `lab`) has marker user `lab`: it is
    // "broken" here and made again, which retires the password everyone knew.
    let credentials: LabCredentials | null = readCredentials(paths);
    const state = clusterState(paths, bins.major, LAB_DB_ADMIN);
    const cluster = state === 'ready' && !credentials ? 'broken' : state;
    if (cluster !== 'ready' || !credentials) {
      credentials = createCredentials(paths);
      if (cluster === 'broken') {
        recovered.push('re-initialised');
        log('the lab cluster was half-made (or from another PostgreSQL version): creating it again');
      } else {
        log(`creating the lab cluster in ${paths.data} (first run only)`);
      }
      initdbMs = await initCluster(paths, bins, runAs, { user: LAB_DB_ADMIN, password: credentials.adminPassword });
    }
    const launchOptions: LaunchOptions = {
      bins,
      runAs,
      maxConnections,
      clusterName: clusterNameFor(paths.home),
      idleSessionTimeoutMs: options.idleSessionTimeoutMs ?? 0,
      settings: options.settings ?? {},
    };
    let launched: Awaited<ReturnType<typeof launch>>;
    try {
      launched = await launch(ownership, launchOptions);
    } catch (error) {
      if (cluster !== 'ready' || !isLabDbError(error) || error.name !== 'ClusterError') throw error;
      // An existing cluster that will not start (crashed mid-write with fsync off, ...): lab data is disposable.
      log(`the lab cluster did not start (${error.message}); creating it again`);
      recovered.push('re-initialised');
      initdbMs = await initCluster(paths, bins, runAs, { user: LAB_DB_ADMIN, password: credentials.adminPassword });
      launched = await launch(ownership, launchOptions);
    }
    if (initdbMs !== null) {
      await createLabDatabase(launched.port, credentials);
      writeMarker(paths, bins.major, LAB_DB_ADMIN);
    }
    const current = { pid: launched.pid };
    superviseFrom(ownership, { ...launchOptions, port: launched.port }, current, options.onLog ?? logToStderr);
    return {
      url: labUrl(launched.port, credentials),
      port: launched.port,
      stop: () => relinquish(ownership),
      get postmasterPid() {
        return current.pid;
      },
      maxConnections,
      clusterName: launchOptions.clusterName,
      paths,
      recovered,
      timings: {
        initdbMs,
        startMs: launched.startMs,
        totalMs: performance.now() - began,
        stopMs: () => ownership.stopMs,
      },
    };
  } catch (error) {
    await relinquish(ownership);
    throw error;
  }
}

export function labUrl(port: number, credentials: LabCredentials): string {
  return `postgres://${LAB_DB_USER}:${credentials.appPassword}@127.0.0.1:${port}/${LAB_DB_NAME}`;
}

/** The `cluster_name` of the server on `home`: every one of its processes carries it in its title. */
export function clusterNameFor(home: string): string {
  return `boundary-lab-${createHash('sha256').update(path.resolve(home)).digest('hex').slice(0, 8)}`;
}

function prepareHome(paths: PgPaths): void {
  try {
    fs.mkdirSync(paths.home, { recursive: true });
    fs.accessSync(paths.home, fs.constants.W_OK);
  } catch (error) {
    throw new LabDbError(
      `cannot use ${paths.home} for the lab database: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'make the repository folder writable (the lab keeps its data in .lab/), or set DATABASE_URL',
      { cause: error },
    );
  }
}

/** The app's role and its database, which it owns (so the migrations need no superuser either). */
async function createLabDatabase(port: number, credentials: LabCredentials): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: LAB_DB_ADMIN,
    password: credentials.adminPassword,
    database: 'postgres',
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const password = client.escapeLiteral(credentials.appPassword);
    const { rowCount: role } = await client.query('select 1 from pg_roles where rolname = $1', [LAB_DB_USER]);
    // CREATEROLE: the storm and idle scenarios make a throwaway role per run. Since PostgreSQL 16
    // such a role can manage only the roles it made and never grant superuser; with
    // createrole_self_grant it holds those roles' privileges, so it may end their sessions and
    // drop what they own.
    await client.query(
      `${role ? 'alter' : 'create'} role ${LAB_DB_USER} login nosuperuser nocreatedb createrole noreplication nobypassrls password ${password}`,
    );
    await client.query(`alter role ${LAB_DB_USER} set createrole_self_grant = 'set, inherit'`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [LAB_DB_NAME]);
    if (!rowCount) await client.query(`create database ${LAB_DB_NAME} owner ${LAB_DB_USER}`);
  } finally {
    await client.end();
  }
}
