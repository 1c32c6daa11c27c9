// The terminal itself, loaded only when a lab terminal scrolls into view or is clicked:
// xterm.js + the fit addon, bridged to the page's lab connection. It runs the lab REPL on the
// server; every key goes there as it is (Tab completion, Ctrl-C and the queue of one command at
// a time are the REPL's), except the two that belong to the page: Esc and Shift+Tab move focus
// out of the terminal (WCAG 2.1.2, no keyboard trap). The REPL's history is this tab's
// (sessionStorage), so it follows the learner from lesson to lesson.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { historyThatFits, type ServerMessage } from '../../lab/server/protocol.ts';
import type { LabConnection, LabState } from './lab-connection.ts';
import { MONO_FONT_FAMILY, TERMINAL_LINE_HEIGHT, monoFontReady } from './mono-font.ts';

const FONT_SIZE = 14;
// This module is loaded when a terminal is first needed: its cell is measured from the real face.
await monoFontReady(FONT_SIZE);

export interface TerminalHandle {
  /** Types a command line into the terminal and runs it (once the REPL is ready; queued by the REPL while one runs). */
  run(command: string): void;
  focus(): void;
}

export interface TerminalOptions {
  /** Esc was pressed in the terminal: move focus out of it. */
  onEscape(): void;
  /** The terminal began dropping its oldest lines (it keeps SCROLLBACK_LINES). */
  onTrimmed(): void;
  /** The element saying which keys do what, for the terminal's accessible description. */
  keysHintId?: string;
}

/** Ctrl-E (end of line) then Ctrl-U (delete to the start): an empty line before a suggested command. */
const CLEAR_LINE = '\u0005\u0015';

/**
 * Lines kept above the screen. A storm or `check` of all exercises prints a few hundred; 10,000
 * keeps even `invoke --repeat 1000` whole, at about 12 bytes a cell (xterm's buffer) ≈ 10 MB at
 * 80 columns. Past it the page says so (onTrimmed) rather than dropping the start silently.
 */
export const SCROLLBACK_LINES = 10_000;

const HISTORY_KEY = 'boundary-lab:history';

function loadHistory(): string[] {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(saved)
      ? historyThatFits(saved.filter((line): line is string => typeof line === 'string'))
      : [];
  } catch {
    return [];
  }
}

function saveHistory(lines: string[]): void {
  try {
    sessionStorage.setItem(HISTORY_KEY, JSON.stringify(historyThatFits(lines)));
  } catch {
    // Storage off or full: the history lasts as long as this page's session.
  }
}

export function mountTerminal(
  screen: HTMLElement,
  connection: LabConnection,
  options: TerminalOptions,
): TerminalHandle {
  const term = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: MONO_FONT_FAMILY,
    fontSize: FONT_SIZE,
    lineHeight: TERMINAL_LINE_HEIGHT,
    rows: 22,
    scrollback: SCROLLBACK_LINES,
    theme: { background: '#16181d', foreground: '#e6e6e6', cursor: '#9ecbff' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  fit.fit();
  if (options.keysHintId) term.textarea?.setAttribute('aria-describedby', options.keysHintId);

  // The page's keys, before xterm turns them into input: returning false leaves the key to the
  // browser (xterm neither sends it nor prevents its default), so Shift+Tab moves focus back as
  // anywhere else. Readline has no use for either key; Alt+letter still arrives as ESC+letter.
  term.attachCustomKeyEventHandler((event) => {
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (event.key === 'Escape' && plain && !event.shiftKey) {
      if (event.type === 'keydown') options.onEscape();
      return false;
    }
    if (event.key === 'Tab' && plain && event.shiftKey) return false;
    return true;
  });

  // A marker on the first line is disposed once that line is trimmed from the scrollback.
  term.registerMarker(0).onDispose(() => options.onTrimmed());

  let ready = false;
  let ended = false;
  const queue: string[] = [];

  const open = () => connection.send({ type: 'open', cols: term.cols, rows: term.rows, history: loadHistory() });
  const flush = () => {
    while (ready && queue.length) connection.send({ type: 'input', data: `${CLEAR_LINE}${queue.shift()}\r` });
  };

  term.onData((data) => {
    if (ended) {
      ended = false;
      open();
      return;
    }
    connection.send({ type: 'input', data });
  });
  term.onResize(({ cols, rows }) => connection.send({ type: 'resize', cols, rows }));
  // Fitted on the next frame, once the layout settled: measured in the middle of a change (a
  // notice appearing above the screen) FitAddon can answer its minimum of 2 columns, and the
  // REPL's lines would wrap at 2 until the next fit. No real screen is under 10 columns.
  let fitting = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(fitting);
    fitting = requestAnimationFrame(() => {
      const proposed = fit.proposeDimensions();
      if (proposed && proposed.cols >= 10) fit.fit();
    });
  }).observe(screen);

  connection.addEventListener('message', (event) => {
    const message = (event as CustomEvent<ServerMessage>).detail;
    if (message.type === 'output') term.write(message.data);
    else if (message.type === 'history') saveHistory(message.lines);
    else if (message.type === 'ready') {
      ready = true;
      flush();
    } else if (message.type === 'exit') {
      ready = false;
      ended = true;
      term.write('\r\n\u001b[2m[session ended: press any key for a new one]\u001b[0m\r\n');
    }
  });
  const onState = (state: LabState) => {
    if (state === 'open') open();
    else if (state === 'closed') {
      ready = false;
      term.write('\r\n\u001b[33m[the lab stopped: run `npm start` again and open the URL it prints]\u001b[0m\r\n');
    }
  };
  connection.addEventListener('state', (event) => onState((event as CustomEvent<LabState>).detail));
  if (connection.state === 'open') open();
  else connection.connect();

  return {
    run(command) {
      queue.push(command);
      flush();
      term.focus();
    },
    focus: () => term.focus(),
  };
}
