// The one lab of a checkout. It owns PostgreSQL, every deployed function and its environments,
// the trace stream and the scenario logs (all through its LabContext), and runs the commands
// its clients send over a Unix socket: `npx lab …`, `npm run check`, the shell REPL. `npm start`
// runs it in the foreground with the workbook's web server; a client that finds no lab starts
// one in the background, which stops by itself once it has been idle for a while.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import { dirname } from 'node:path';
import type { LabIO } from '../cli/io.ts';
import type { LabContext } from '../cli/lab-context.ts';
import { runCommand } from '../cli/program.ts';
import { progressPath } from '../exercises-runner/progress.ts';
import { sweepOrphans } from '../runtime/orphans.ts';
import { tidyProgressFile } from './progress-file.ts';
import { runFrom } from './command-origin.ts';
import { buildFastClient } from './fast-client-build.ts';
import { claimPidLock, type Holder } from '../pid-lock.ts';
import { settingsFingerprint, type ServicePaths } from './paths.ts';
import { isClientRequest, readMessages, send, type ClientRequest, type ServiceStatus } from './wire.ts';

/** A background lab stops after this long with no client (LAB_IDLE_STOP_MS changes it). */
export const DEFAULT_IDLE_STOP_MS = 15 * 60_000;

export interface LabServiceOptions {
  paths: ServicePaths;
  mode: ServiceStatus['mode'];
  lab: LabContext;
  /** null: never (the foreground lab stops with its terminal). */
  idleStopMs: number | null;
  log?: (line: string) => void;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class LabService extends EventEmitter<{ stopped: [] }> {
  private readonly options: LabServiceOptions;
  private readonly server: net.Server;
  private readonly release: () => void;
  private readonly commands = new Set<Running>();
  private readonly startedAt = new Date().toISOString();
  private readonly fingerprint = settingsFingerprint();
  private connections = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private url: string | null = null;
  private stopping: Promise<void> | undefined;

  /** Opens the lab, or says which live lab already runs for this checkout. */
  static async open(options: LabServiceOptions): Promise<LabService | { running: Holder }> {
    const { paths } = options;
    fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    // The folder holds the socket and the workbook's token: no other local user may enter it.
    fs.chmodSync(paths.dir, 0o700);
    const claim = claimPidLock(paths.lock);
    if (!claim.ok) return { running: claim.holder };
    try {
      // Frozen containers of a lab that was SIGKILLed cannot notice it: end them now, not later.
      sweepOrphans();
      tidyProgressFile(progressPath(), options.log ?? ((line) => process.stderr.write(`lab: ${line}\n`)));
      fs.mkdirSync(dirname(paths.socket), { recursive: true, mode: 0o700 });
      fs.chmodSync(dirname(paths.socket), 0o700);
      fs.rmSync(paths.socket, { force: true });
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(paths.socket, () => {
          server.off('error', reject);
          resolve();
        });
      });
      fs.chmodSync(paths.socket, 0o600);
      // Clients of a running lab load this prebuilt (bin/lab.mjs): keep it fresh, off the start's path.
      buildFastClient().catch((error: unknown) =>
        options.log?.(
          `the fast client did not build (${error instanceof Error ? error.message : String(error)}): clients use the slow path`,
        ),
      );
      return new LabService(options, server, claim.release);
    } catch (error) {
      claim.release();
      throw error;
    }
  }

  private constructor(options: LabServiceOptions, server: net.Server, release: () => void) {
    super();
    this.options = options;
    this.server = server;
    this.release = release;
    server.on('connection', (socket) => this.accept(socket));
    this.writeState();
    this.armIdleTimer();
  }

  get lab(): LabContext {
    return this.options.lab;
  }

  status(): ServiceStatus {
    return {
      pid: process.pid,
      startedAt: this.startedAt,
      mode: this.options.mode,
      url: this.url,
      fingerprint: this.fingerprint,
      idleStopMs: this.options.idleStopMs,
    };
  }

  /** The workbook's URL (with its token), once the web server listens. */
  setUrl(url: string): void {
    this.url = url;
    this.writeState();
  }

  /** Cancels running commands, ends every container and PostgreSQL, frees the socket and the lock. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.idleTimer);
      // No new clients from here on. (Not awaited: the client that asked to stop is still connected.)
      this.server.close();
      for (const run of this.commands) run.controller.abort();
      await Promise.race([
        Promise.allSettled([...this.commands].map((r) => r.done)),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ]);
      try {
        await this.options.lab.close();
      } finally {
        fs.rmSync(this.options.paths.socket, { force: true });
        fs.rmSync(this.options.paths.state, { force: true });
        this.release();
        this.emit('stopped');
      }
    })();
    return this.stopping;
  }

  private accept(socket: net.Socket): void {
    this.connections += 1;
    clearTimeout(this.idleTimer);
    let run: Running | undefined;
    socket.on('error', () => {});
    socket.on('close', () => {
      // A client that went away (Ctrl-C'd twice, SIGKILLed) takes its command with it.
      run?.controller.abort();
      this.connections -= 1;
      this.armIdleTimer();
    });
    readMessages(socket, (message) => {
      if (!isClientRequest(message)) {
        socket.destroy();
        return;
      }
      if (message.type === 'cancel') run?.controller.abort();
      else if (message.type === 'status') {
        send(socket, { type: 'status', status: this.status() });
        socket.end();
      } else if (message.type === 'stop') {
        send(socket, { type: 'stopping', pid: process.pid });
        void this.stop().finally(() => socket.end());
      } else if (!run) run = this.run(socket, message);
    });
  }

  private run(socket: net.Socket, request: Extract<ClientRequest, { type: 'run' }>): Running {
    send(socket, { type: 'accepted' });
    const controller = new AbortController();
    const io: LabIO = {
      out: (data) => send(socket, { type: 'out', data }),
      err: (data) => send(socket, { type: 'err', data }),
      color: request.color,
      interactive: request.interactive,
      cwd: request.cwd,
      ...(request.columns ? { columns: request.columns } : {}),
      signal: controller.signal,
    };
    const work = async (): Promise<number> => {
      if (request.fingerprint !== this.fingerprint) {
        io.err(
          `lab: the lab running for this checkout (pid ${process.pid}) was started with other settings ` +
            '(DATABASE_URL or a LAB_* variable differs): stop it with `npx lab stop`, then run this again.\n',
        );
        return 2;
      }
      if (this.stopping) {
        io.err('lab: the lab is stopping: run this again in a moment (a fresh lab starts).\n');
        return 1;
      }
      return runFrom('shell', () => runCommand(request.args, io, this.options.lab));
    };
    const running: Running = {
      controller,
      done: work().then(
        (code) => {
          send(socket, { type: 'exit', code: controller.signal.aborted && code === 0 ? 130 : code });
          socket.end();
        },
        (error: unknown) => {
          io.err(`lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
          send(socket, { type: 'exit', code: 1 });
          socket.end();
        },
      ),
    };
    this.commands.add(running);
    void running.done.finally(() => this.commands.delete(running));
    return running;
  }

  private armIdleTimer(): void {
    const { idleStopMs } = this.options;
    clearTimeout(this.idleTimer);
    if (idleStopMs === null || this.connections > 0 || this.stopping) return;
    this.idleTimer = setTimeout(() => {
      this.options.log?.(`idle for ${Math.round(idleStopMs / 1000)} s with no client: stopping`);
      void this.stop();
    }, idleStopMs);
    this.idleTimer.unref();
  }

  private writeState(): void {
    const { state } = this.options.paths;
    const temp = `${state}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.status(), null, 2), { mode: 0o600 });
    fs.renameSync(temp, state);
  }
}
