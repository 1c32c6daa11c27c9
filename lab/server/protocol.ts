// The lab server's WebSocket protocol: the one module both sides import. The server (Node, type
// stripping) and the page (src/lib/, bundled by Vite) read the same types and the same parser,
// so keep it erasable TypeScript with no imports.

/** The one WebSocket endpoint. */
export const LAB_WS_PATH = '/lab/ws';
/** Query parameter carrying the per-launch token (in the URL `npm start` prints and on the upgrade). */
export const TOKEN_PARAM = 'token';
/**
 * A plain GET of LAB_WS_PATH with the token answers `{ "token": TokenStatus }`: how a page tells
 * "the lab is here, but my token is from an earlier launch" from "no lab at this address".
 */
export type TokenStatus = 'current' | 'old' | 'missing';

/** A bigger message closes that session (1009). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** More open connections than this are refused (503) until one closes. */
export const MAX_SESSIONS = 32;

/**
 * A tab's REPL history travels with it (the page keeps it in sessionStorage): newest first, as
 * readline holds it, and only as much as keeps an 'open' message far below MAX_MESSAGE_BYTES.
 */
export const MAX_HISTORY_LINES = 500;
export const MAX_HISTORY_BYTES = 32 * 1024;

/** The newest history lines that fit MAX_HISTORY_LINES and MAX_HISTORY_BYTES (JSON-encoded). */
export function historyThatFits(lines: readonly string[]): string[] {
  const encoder = new TextEncoder();
  const kept: string[] = [];
  let bytes = 2; // []
  for (const line of lines.slice(0, MAX_HISTORY_LINES)) {
    bytes += encoder.encode(JSON.stringify(line)).length + 1; // the line as JSON, and its comma
    if (bytes > MAX_HISTORY_BYTES) break;
    kept.push(line);
  }
  return kept;
}

/** Browser → server. */
export type ClientMessage =
  /**
   * Start the lab REPL on this connection (a connection without one only receives traces), with
   * this tab's history if it has one.
   */
  | { type: 'open'; cols: number; rows: number; history?: string[] }
  /** Keystrokes as the terminal produced them (Ctrl-C is "\u0003"). */
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  /** An Exercise box's *Run check*: `check NN` in the lab, its output sent back as 'check-output'. */
  | { type: 'check'; exercise: string; cols?: number }
  /** Stop this connection's running check. */
  | { type: 'check-cancel' };

export interface TraceSpan {
  name: string;
  startMs: number;
  durationMs: number;
}

export type TraceStatus = 'ok' | 'error' | 'timeout' | 'throttled';

/**
 * One finished invocation, as the page sees it: the `lab:trace` event's detail. The
 * InvocationRecord without its logs and result, plus the function's timeout (the budget).
 */
export interface LabTrace {
  requestId: string;
  containerId: string | null;
  coldStart: boolean;
  /**
   * A cold start whose init ran inside the invoke (after a reset): its Duration includes init,
   * the function timeout covers it, and there is no Init Duration.
   */
  suppressedInit: boolean;
  status: TraceStatus;
  errorType?: string;
  durationMs: number;
  initDurationMs: number | null;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** The function's timeout: the budget this invocation had. */
  timeoutMs: number;
  spans: TraceSpan[];
  /** 'terminal': a page's terminal; 'shell': a command from a shell (`npx lab …`, the REPL), run in the same lab. */
  origin: 'terminal' | 'shell';
  /** The command that made this invocation: the page's timeline groups a scenario's calls by it. */
  command?: { id: number; line: string };
  /** Wall clock (epoch ms) when it finished. */
  at: number;
}

/** An invocation has started (the budget bar starts filling): sent before its trace. */
export interface InvokeStart {
  /** The trace that ends this invocation carries the same id. */
  requestId: string;
  functionName: string;
  timeoutMs: number;
  memorySizeMb: number;
  /** Wall clock (epoch ms). */
  at: number;
}

/** One exercise of lab/exercises.json and how its last `check` went (`.lab/progress.json`). */
export interface ExerciseStatus {
  /** "01-cache-the-bootstrap". */
  id: string;
  /** The lesson it ends: the page at /<lesson>/. */
  lesson: string;
  status: 'passed' | 'failed' | 'unchecked';
  /** The first time a check passed (ISO time): from then on `solution NN` shows the reference. */
  passedAt?: string;
}

/** Server → browser. */
export type ServerMessage =
  /** Sent once on connect. */
  | { type: 'hello'; functionName: string; memorySizeMb: number; timeoutMs: number; reservedConcurrency: number }
  /** The REPL of this connection is running. */
  | { type: 'ready' }
  | { type: 'output'; data: string }
  | { type: 'trace'; trace: LabTrace }
  | { type: 'invoke-start'; start: InvokeStart }
  /** Every exercise's status: sent on connect and whenever the progress file changes. */
  | { type: 'progress'; exercises: ExerciseStatus[] }
  /** The REPL of this connection ended ("exit"); send 'open' to start another. */
  | { type: 'exit' }
  /** This REPL's history changed (newest first, historyThatFits): the tab keeps it for its next page. */
  | { type: 'history'; lines: string[] }
  /** Output of this connection's `check` (plain text, no colour), as it is printed. */
  | { type: 'check-output'; exercise: string; data: string }
  /** That check ended: 0 passed, 1 failed, 2 it could not start (a check already runs, a bad name), 130 cancelled. */
  | { type: 'check-done'; exercise: string; code: number };

const MAX_DIMENSION = 1000;

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION;
}

/**
 * Parses one text frame from the browser. Anything that is not exactly one of the client
 * messages gives `undefined` (the server then closes that session).
 */
export function parseClientMessage(text: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'input':
      return typeof message.data === 'string' ? { type: 'input', data: message.data } : undefined;
    case 'check':
      // Two digits, as the box names it: nothing else reaches the command line.
      // The box's width in columns, so the output is folded once, to fit it (lab/cli/layout.ts).
      if (typeof message.exercise !== 'string' || !/^\d\d$/.test(message.exercise)) return undefined;
      if (message.cols === undefined) return { type: 'check', exercise: message.exercise };
      return isDimension(message.cols) ? { type: 'check', exercise: message.exercise, cols: message.cols } : undefined;
    case 'check-cancel':
      return { type: 'check-cancel' };
    case 'open': {
      if (!isDimension(message.cols) || !isDimension(message.rows)) return undefined;
      if (message.history === undefined) return { type: 'open', cols: message.cols, rows: message.rows };
      const history = message.history;
      if (!Array.isArray(history) || history.length > MAX_HISTORY_LINES) return undefined;
      if (!history.every((line): line is string => typeof line === 'string')) return undefined;
      return { type: 'open', cols: message.cols, rows: message.rows, history };
    }
    case 'resize':
      return isDimension(message.cols) && isDimension(message.rows)
        ? { type: message.type, cols: message.cols, rows: message.rows }
        : undefined;
    default:
      return undefined;
  }
}

/** Parses one frame from the server; `undefined` for anything else (the page ignores it). */
export function parseServerMessage(text: string): ServerMessage | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    const known = [
      'hello',
      'ready',
      'output',
      'trace',
      'invoke-start',
      'progress',
      'exit',
      'check-output',
      'check-done',
      'history',
    ];
    return typeof value === 'object' && value !== null && known.includes(String(value.type))
      ? (value as ServerMessage)
      : undefined;
  } catch {
    return undefined;
  }
}
