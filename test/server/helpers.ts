// A lab server in the test process, and a raw WebSocket client that speaks its protocol.
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { WebSocket } from 'ws';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { startLabServer, type LabServer } from '../../lab/server/lab-server.ts';
import { LAB_WS_PATH, parseServerMessage, type ServerMessage } from '../../lab/server/protocol.ts';

export const DIST = resolve(import.meta.dirname, '../../dist');

export interface TestLab {
  server: LabServer;
  lab: LabContext;
  /** Lines the server logged (refusals, closed sessions). */
  logs: string[];
  close(): Promise<void>;
}

export async function startTestLab(
  options: { distDir?: string; maxSessions?: number; pingIntervalMs?: number } = {},
): Promise<TestLab> {
  const lab = new LabContext();
  const logs: string[] = [];
  const server = await startLabServer({
    lab,
    distDir: options.distDir ?? DIST,
    port: 0,
    log: (line) => logs.push(line),
    ...(options.maxSessions ? { maxSessions: options.maxSessions } : {}),
    ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}),
  });
  return {
    server,
    lab,
    logs,
    async close() {
      await server.close();
      await lab.close();
    },
  };
}

export interface ConnectOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
}

export interface TestClient {
  socket: WebSocket;
  messages: ServerMessage[];
  /** Everything the REPL printed, ANSI colours removed. */
  output(): string;
  send(message: unknown): void;
  type(text: string): void;
  waitFor(predicate: (client: TestClient) => boolean, timeoutMs?: number): Promise<void>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Connects like the page does, unless told to leave something out or get it wrong. */
export function connect(server: Pick<LabServer, 'port' | 'token'>, options: ConnectOptions = {}): Promise<TestClient> {
  const token = options.token === undefined ? server.token : options.token;
  const origin = options.origin === undefined ? `http://127.0.0.1:${server.port}` : options.origin;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${LAB_WS_PATH}${query}`, {
    ...(origin === null ? {} : { origin }),
    ...(options.host ? { headers: { host: options.host } } : {}),
  });
  const messages: ServerMessage[] = [];
  let text = '';
  const waiters = new Set<() => void>();
  const client: TestClient = {
    socket,
    messages,
    output: () => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    type: (data) => client.send({ type: 'input', data }),
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((ok, fail) => {
        if (predicate(client)) return ok();
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`timed out; output so far:\n${client.output()}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(client)) return;
          clearTimeout(timer);
          waiters.delete(check);
          ok();
        };
        waiters.add(check);
      });
    },
    async waitForOutput(pattern, timeoutMs) {
      await client.waitFor((c) => pattern.test(c.output()), timeoutMs);
      return client.output();
    },
    closed: new Promise((ok) => socket.on('close', (code, reason) => ok({ code, reason: reason.toString() }))),
  };
  socket.on('message', (data) => {
    const message = parseServerMessage(data.toString());
    if (!message) return;
    messages.push(message);
    if (message.type === 'output') text += message.data;
    for (const waiter of [...waiters]) waiter();
  });
  return new Promise((ok, fail) => {
    socket.once('open', () => ok(client));
    socket.once('unexpected-response', (_req, res) => {
      fail(Object.assign(new Error(`refused with ${res.statusCode}`), { statusCode: res.statusCode }));
      socket.terminate();
    });
    socket.once('error', fail);
  });
}

/** Opens the REPL on a connected client and waits for its prompt. */
export async function openTerminal(client: TestClient): Promise<void> {
  client.send({ type: 'open', cols: 120, rows: 30 });
  await client.waitForOutput(/lab> /);
}

/** A plain HTTP GET with any Host header. */
export function get(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; type: string; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body,
          headers: res.headers,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

/** One lab server for the whole test file, against the run's PostgreSQL: started before, closed after. */
export function useTestLab(): () => TestLab {
  let lab: TestLab | undefined;
  beforeAll(async () => {
    process.env.DATABASE_URL = inject('databaseUrl');
    lab = await startTestLab();
  });
  afterAll(async () => {
    await lab?.close();
  });
  return () => {
    if (!lab) throw new Error('the test lab is not started: call useTestLab() at the top of the file');
    return lab;
  };
}
