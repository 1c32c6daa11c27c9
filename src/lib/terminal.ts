// The terminal itself, loaded only when a lab terminal scrolls into view or is clicked:
// xterm.js + the fit addon, bridged to the page's lab connection. It runs the lab REPL on the
// server; every key goes there as it is (history, Tab completion and Ctrl-C are the REPL's).
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ServerMessage } from '../../lab/server/protocol.ts';
import type { LabConnection, LabState } from './lab-connection.ts';
import { MONO_FONT_FAMILY, TERMINAL_LINE_HEIGHT, monoFontReady } from './mono-font.ts';

const FONT_SIZE = 14;
// This module is loaded when a terminal is first needed: its cell is measured from the real face.
await monoFontReady(FONT_SIZE);

export interface TerminalHandle {
  /** Types a command line into the terminal and runs it (once the REPL is ready). */
  run(command: string): void;
  focus(): void;
}

/** Ctrl-E (end of line) then Ctrl-U (delete to the start): an empty line before a suggested command. */
const CLEAR_LINE = '\u0005\u0015';

export function mountTerminal(screen: HTMLElement, connection: LabConnection): TerminalHandle {
  const term = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: MONO_FONT_FAMILY,
    fontSize: FONT_SIZE,
    lineHeight: TERMINAL_LINE_HEIGHT,
    rows: 22,
    scrollback: 2000,
    theme: { background: '#16181d', foreground: '#e6e6e6', cursor: '#9ecbff' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  fit.fit();

  let ready = false;
  let ended = false;
  const queue: string[] = [];

  const open = () => connection.send({ type: 'open', cols: term.cols, rows: term.rows });
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
  new ResizeObserver(() => fit.fit()).observe(screen);

  connection.addEventListener('message', (event) => {
    const message = (event as CustomEvent<ServerMessage>).detail;
    if (message.type === 'output') term.write(message.data);
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
