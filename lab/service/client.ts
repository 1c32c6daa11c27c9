// A client of the checkout's lab: sends one command line, streams its output back to this
// process's stdout/stderr (kept apart), and returns its exit code. Ctrl-C cancels the command
// in the lab. With no lab running, it starts one in the background first (start-lab.ts).
import net from 'node:net';
import type { LabIO } from '../cli/io.ts';
import { isAlive, waitFor } from '../db/processes.ts';
import { liveLockHolder } from '../pid-lock.ts';
import { servicePaths, settingsFingerprint, type ServicePaths } from './paths.ts';
import { startBackgroundLab } from './start-lab.ts';
import { readMessages, send, type ServiceMessage, type ServiceStatus } from './wire.ts';

/** Runs one command in the lab (started if need be); resolves with its exit code. */
export async function runInLab(args: string[], io: LabIO, paths: ServicePaths = servicePaths()): Promise<number> {
  // A lab that was dying as we connected (killed a moment ago) closes before it takes the command:
  // nothing ran, so it is safe to go again, and the next attempt finds or starts a live lab.
  for (let attempt = 1; ; attempt++) {
    let socket: net.Socket;
    try {
      socket = await connectOrStart(paths);
    } catch (error) {
      io.err(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const code = await runOn(socket, args, io);
    if (code !== NOT_TAKEN || attempt === 3) return code === NOT_TAKEN ? 1 : code;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

/** The lab closed before it took the command. */
const NOT_TAKEN = -1;

function runOn(socket: net.Socket, args: string[], io: LabIO): Promise<number> {
  return new Promise<number>((resolve) => {
    let code: number | undefined;
    let accepted = false;
    const onAbort = () => send(socket, { type: 'cancel' });
    io.signal?.addEventListener('abort', onAbort, { once: true });
    readMessages(socket, (value) => {
      const message = value as ServiceMessage;
      if (message.type === 'accepted') accepted = true;
      else if (message.type === 'out') io.out(message.data);
      else if (message.type === 'err') io.err(message.data);
      else if (message.type === 'exit') code = message.code;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      io.signal?.removeEventListener('abort', onAbort);
      if (code !== undefined) return resolve(code);
      if (!accepted) return resolve(NOT_TAKEN);
      io.err(
        'lab: the lab stopped in the middle of this command (it was stopped or killed): ' +
          'run the command again and a fresh lab starts.\n',
      );
      resolve(1);
    });
    send(socket, {
      type: 'run',
      args,
      cwd: io.cwd ?? process.cwd(),
      color: io.color,
      interactive: Boolean(io.interactive),
      ...(io.columns ? { columns: io.columns } : {}),
      fingerprint: settingsFingerprint(),
    });
  });
}

/** What the running lab says of itself; null when none runs. */
export async function labStatus(paths: ServicePaths = servicePaths()): Promise<ServiceStatus | null> {
  const socket = await connect(paths.socket).catch(() => null);
  if (!socket) return null;
  return new Promise((resolve) => {
    let status: ServiceStatus | null = null;
    readMessages(socket, (value) => {
      const message = value as ServiceMessage;
      if (message.type === 'status') status = message.status;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(status));
    send(socket, { type: 'status' });
  });
}

/**
 * Stops the running lab and waits until its process is gone. Resolves with its pid, or null
 * when no lab was running.
 */
export async function stopLab(paths: ServicePaths = servicePaths(), timeoutMs = 60_000): Promise<number | null> {
  const socket = await connect(paths.socket).catch(() => null);
  const holder = liveLockHolder(paths.lock);
  if (!socket) return holder ? waitGone(holder.pid, timeoutMs, () => process.kill(holder.pid, 'SIGTERM')) : null;
  const pid = await new Promise<number | null>((resolve) => {
    let stoppingPid: number | null = holder?.pid ?? null;
    readMessages(socket, (value) => {
      const message = value as ServiceMessage;
      if (message.type === 'stopping') stoppingPid = message.pid;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(stoppingPid));
    send(socket, { type: 'stop' });
  });
  return pid === null ? null : waitGone(pid, timeoutMs);
}

async function waitGone(pid: number, timeoutMs: number, nudge?: () => void): Promise<number> {
  try {
    nudge?.();
  } catch {
    // already gone
  }
  if (await waitFor(() => !isAlive(pid), timeoutMs)) return pid;
  throw new Error(`the lab (pid ${pid}) did not stop in ${Math.round(timeoutMs / 1000)} s: kill ${pid}`);
}

/** A connected socket to the lab, starting one when none runs (or waiting for one that is starting). */
export async function connectOrStart(paths: ServicePaths): Promise<net.Socket> {
  const deadline = Date.now() + 60_000;
  let started: ReturnType<typeof startBackgroundLab> | undefined;
  for (;;) {
    const socket = await connect(paths.socket).catch(() => null);
    if (socket) return socket;
    // A live holder without a socket yet is a lab still starting: wait for it, start none.
    if (!liveLockHolder(paths.lock)) {
      if (started?.exited() && started.exitCode() !== 0) throw new Error(started.failure());
      started ??= startBackgroundLab(paths);
    }
    if (Date.now() > deadline) throw new Error(`no lab answered on ${paths.socket} within 60 s: see ${paths.log}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

function connect(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Ctrl-C cancels the command in the lab; a second one leaves at once. */
export function cancellable(io: LabIO): LabIO {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  return { ...io, signal: controller.signal };
}
