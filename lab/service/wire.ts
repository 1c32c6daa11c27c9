// The lab service's wire format: one JSON object per line over a Unix socket. One connection
// carries one request (a command, a stop, a status question) and its answer stream.
import type { Socket } from 'node:net';

export type ClientRequest =
  | {
      type: 'run';
      args: string[];
      /** Relative paths in the command (an event file) are the client's, not the lab's. */
      cwd: string;
      color: boolean;
      interactive: boolean;
      columns?: number;
      /** settingsFingerprint() of the client: a lab started with other settings refuses. */
      fingerprint: string;
    }
  /** Ctrl-C in the client: cancel the running command. */
  | { type: 'cancel' }
  | { type: 'status' }
  | { type: 'stop' };

export interface ServiceStatus {
  pid: number;
  startedAt: string;
  /** Serving the workbook (`npm start`, in the foreground of its terminal) or started by a client. */
  mode: 'foreground' | 'background';
  /** The workbook's URL with this launch's token, when it serves one. */
  url: string | null;
  fingerprint: string;
  /** Stops by itself after this long without a client (background only). */
  idleStopMs: number | null;
}

export type ServiceMessage =
  /** The lab has taken the command: from here on, a closed connection means it died mid-command. */
  | { type: 'accepted' }
  | { type: 'out'; data: string }
  | { type: 'err'; data: string }
  | { type: 'exit'; code: number }
  | { type: 'status'; status: ServiceStatus }
  /** The answer to 'stop': the lab is stopping; the socket closes once it has. */
  | { type: 'stopping'; pid: number };

export function send(socket: Socket, message: ClientRequest | ServiceMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}

/** Longest line either side accepts: a command line or a chunk of output, with room to spare. */
const MAX_LINE = 16 * 1024 * 1024;

/** Calls `onMessage` for each complete line; a line that is not JSON, or too long, ends the connection. */
export function readMessages(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LINE) {
      socket.destroy();
      return;
    }
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        socket.destroy();
        return;
      }
      onMessage(message);
      newline = buffered.indexOf('\n');
    }
  });
}

export function isClientRequest(value: unknown): value is ClientRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'run':
      return (
        Array.isArray(m.args) &&
        m.args.every((a) => typeof a === 'string') &&
        typeof m.cwd === 'string' &&
        typeof m.color === 'boolean' &&
        typeof m.interactive === 'boolean' &&
        typeof m.fingerprint === 'string' &&
        (m.columns === undefined || typeof m.columns === 'number')
      );
    case 'cancel':
    case 'status':
    case 'stop':
      return true;
    default:
      return false;
  }
}
