// The lab server: the built site and one WebSocket endpoint on 127.0.0.1, guarded by
// request-guard.ts. Each connection is a TerminalSession; the TraceHub feeds them all.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LabContext } from '../cli/lab-context.ts';
import { LAMBDA_DEFAULTS } from '../runtime/function-config.ts';
import { LAB_WS_PATH, MAX_MESSAGE_BYTES, MAX_SESSIONS, TOKEN_PARAM, type ServerMessage } from './protocol.ts';
import { checkHost, checkUpgrade, newToken, tokenStatus } from './request-guard.ts';
import { refusalLog } from './refusal-log.ts';
import { staticSite } from './static-site.ts';
import { ProgressFeed } from './progress-feed.ts';
import { TerminalSession } from './terminal-session.ts';
import { TraceHub } from './trace-hub.ts';

export interface LabServerOptions {
  lab: LabContext;
  distDir: string;
  /** 0 picks a free port. A busy port is reported and the next free one is used. */
  port: number;
  token?: string;
  /** Refusals and session events, one line each. */
  log?: (line: string) => void;
  maxSessions?: number;
  /** How often each page is pinged; one that has not answered the previous ping is dropped. */
  pingIntervalMs?: number;
  /** The learner's progress file the pages are told about (default: `progressPath()`, `LAB_PROGRESS_PATH`). */
  progressPath?: string;
}

export interface LabServer {
  port: number;
  token: string;
  /** The site's root URL with the token. */
  url: string;
  sessionCount(): number;
  close(): Promise<void>;
}

/** A page gone without a close (a sleeping laptop, a killed tab) holds its session until this finds it. */
const PING_INTERVAL_MS = 30_000;

const GREETING =
  'lab ready: the same commands as `npm run lab` (try "help", "events", or a suggested command below).\n';

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const log = options.log ?? (() => {});
  const logRefusal = refusalLog(log);
  const token = options.token ?? newToken();
  const maxSessions = options.maxSessions ?? MAX_SESSIONS;
  const serveSite = staticSite(options.distDir);
  const hub = new TraceHub(options.lab);
  const progress = new ProgressFeed(options.progressPath ? { path: options.progressPath } : {});
  const sessions = new Set<TerminalSession>();
  const hello: ServerMessage = {
    type: 'hello',
    functionName: LAMBDA_DEFAULTS.functionName,
    memorySizeMb: LAMBDA_DEFAULTS.memoryMb,
    timeoutMs: LAMBDA_DEFAULTS.timeoutMs,
    reservedConcurrency: LAMBDA_DEFAULTS.reservedConcurrency,
  };
  let port = 0;

  const server: Server = createServer((req, res) => {
    const verdict = checkHost(req, port);
    if (!verdict.ok) {
      logRefusal(`refused an HTTP request (${verdict.status}): ${verdict.reason}`);
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Refused: ${verdict.reason}\n`);
      return;
    }
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === LAB_WS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token: tokenStatus(req, token) }));
      return;
    }
    serveSite(req, res).catch((error: unknown) => {
      // The path is the requester's text: not logged.
      log(`error serving a page: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const answered = new WeakMap<WebSocket, boolean>();
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (answered.get(ws) === false) {
        log('session closed: the page stopped answering pings');
        ws.terminate();
        continue;
      }
      answered.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs ?? PING_INTERVAL_MS);
  pinger.unref();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(req, port, token);
    const refusal = !verdict.ok
      ? verdict
      : sessions.size >= maxSessions
        ? { status: 503, reason: `already ${maxSessions} sessions open` }
        : undefined;
    if (refusal) {
      logRefusal(`refused a WebSocket upgrade (${refusal.status}): ${refusal.reason}`);
      socket.end(
        `HTTP/1.1 ${refusal.status} ${statusText(refusal.status)}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nRefused: ${refusal.reason}\n`,
      );
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      answered.set(ws, true);
      ws.on('pong', () => answered.set(ws, true));
      const session: TerminalSession = new TerminalSession(ws, {
        lab: options.lab,
        hello,
        greeting: GREETING,
        log,
        onClose: () => {
          sessions.delete(session);
          unsubscribe();
          unsubscribeProgress();
        },
      });
      sessions.add(session);
      const unsubscribe = hub.subscribe((message) => session.send(message));
      session.send(progress.current());
      const unsubscribeProgress = progress.subscribe((message) => session.send(message));
    });
  });

  port = await listen(server, options.port, log);
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    sessionCount: () => sessions.size,
    async close() {
      logRefusal.close();
      clearInterval(pinger);
      for (const client of wss.clients) client.close(1001, 'the lab stopped');
      hub.close();
      progress.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Binds 127.0.0.1:port; a busy port is said so and the next one tried (up to 20). */
async function listen(server: Server, port: number, log: (line: string) => void): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const candidate = port === 0 ? 0 : port + attempt;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(candidate, '127.0.0.1', () => {
          server.off('error', onError);
          resolve();
        });
      });
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('the lab server has no port');
      return address.port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || port === 0 || attempt >= 19) throw error;
      log(`port ${candidate} is in use (another lab, or another app): trying ${candidate + 1}`);
    }
  }
}

function statusText(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      421: 'Misdirected Request',
      503: 'Service Unavailable',
    }[status] ?? 'Refused'
  );
}
