// One browser connection. It always receives the lab's traces; after an 'open' message it also
// runs the lab REPL (startRepl: the same commands, completion, queue and Ctrl-C as
// `npm run lab`) over a pair of streams bridged to the socket. No shell is ever involved. The
// history is the tab's: it comes with 'open' and goes back to the page on every change.
import type { Interface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { LabContext } from '../cli/lab-context.ts';
import { MAX_LINE_CHARS, replCompleter, runInProcess, startRepl } from '../cli/repl.ts';
import { runCommand } from '../cli/program.ts';
import { runFrom } from '../service/command-origin.ts';
import { historyThatFits, parseClientMessage, type ServerMessage } from './protocol.ts';

/** A page that stops reading (a frozen tab) is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface SessionOptions {
  lab: LabContext;
  hello: ServerMessage;
  greeting: string;
  log(line: string): void;
  onClose(): void;
}

/** The REPL's output stream: what readline believes is a terminal of `columns` × `rows`. */
class SocketOutput extends Writable {
  columns = 80;
  rows = 24;
  private readonly forward: (text: string) => void;

  constructor(forward: (text: string) => void) {
    super({ decodeStrings: false });
    this.forward = forward;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.forward(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }
}

export class TerminalSession {
  private readonly socket: WebSocket;
  private readonly options: SessionOptions;
  private repl: { rl: Interface; input: PassThrough; output: SocketOutput } | undefined;
  private closed = false;
  /** The Exercise box's check running for this page, if any: one at a time. */
  private check: AbortController | undefined;

  constructor(socket: WebSocket, options: SessionOptions) {
    this.socket = socket;
    this.options = options;
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.dispose());
    socket.on('error', (error) => {
      // 'close' follows. An oversized frame lands here (ws closes it with 1009).
      this.options.log(`session closed: ${error.message}`);
    });
    this.send(options.hello);
  }

  send(message: ServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.refuse(1013, 'the page is not reading its messages');
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  private receive(data: unknown, isBinary: boolean): void {
    const text = isBinary
      ? undefined
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : undefined;
    const message = text === undefined ? undefined : parseClientMessage(text);
    if (!message) {
      this.refuse(1008, 'malformed message');
      return;
    }
    if (message.type === 'open') this.openRepl(message.cols, message.rows, message.history ?? []);
    else if (message.type === 'resize') this.resize(message.cols, message.rows);
    else if (message.type === 'check') this.runCheck(message.exercise, message.cols);
    else if (message.type === 'check-cancel') this.check?.abort();
    else this.type(message.data);
  }

  private openRepl(cols: number, rows: number, history: string[]): void {
    if (this.repl) return this.resize(cols, rows);
    const input = new PassThrough();
    const output = new SocketOutput((data) => this.send({ type: 'output', data }));
    output.columns = cols;
    output.rows = rows;
    const rl = startRepl({
      input,
      output,
      run: runInProcess(this.options.lab),
      complete: replCompleter(this.options.lab),
      color: true,
      history: historyThatFits(history),
      greeting: this.options.greeting,
      jobControl: false,
      cancelOnClose: true,
    });
    rl.on('history', (lines: string[]) => this.send({ type: 'history', lines: historyThatFits(lines) }));
    rl.on('close', () => {
      this.repl = undefined;
      this.send({ type: 'exit' });
    });
    this.repl = { rl, input, output };
    this.send({ type: 'ready' });
  }

  private resize(cols: number, rows: number): void {
    if (!this.repl) return;
    this.repl.output.columns = cols;
    this.repl.output.rows = rows;
    this.repl.output.emit('resize');
  }

  /**
   * Keystrokes go to readline as they are. While a command runs the REPL pauses its input, so
   * readline would only see a Ctrl-C after the command ended: it is delivered at once instead.
   */
  private type(data: string): void {
    const repl = this.repl;
    if (!repl) return;
    if (repl.input.isPaused() && data.includes('\u0003')) {
      repl.rl.emit('SIGINT');
      data = data.replaceAll('\u0003', '');
    }
    // readline keeps an unfinished line without limit: once it is past the cap, keystrokes are
    // dropped up to the Enter, which the REPL then refuses in one line. The buffer stays within
    // the cap plus one message.
    if (repl.rl.line.length > MAX_LINE_CHARS) {
      const end = data.search(/[\r\n]/);
      data = end < 0 ? '' : data.slice(end);
    }
    if (data) repl.input.write(data);
  }

  /**
   * The Exercise box's *Run check*: the same `check NN` as the terminal's and `npm run check`'s,
   * in this lab, its output streamed to the box as it is printed. Progress then reaches every
   * page through the progress feed, as for a check typed anywhere else.
   */
  private runCheck(exercise: string, columns?: number): void {
    if (this.check) {
      this.send({
        type: 'check-output',
        exercise,
        data: 'a check is already running on this page: wait for its verdict.\n',
      });
      this.send({ type: 'check-done', exercise, code: 2 });
      return;
    }
    const controller = new AbortController();
    this.check = controller;
    const out = (data: string) => this.send({ type: 'check-output', exercise, data });
    const io = {
      out,
      err: out,
      color: false,
      interactive: false,
      signal: controller.signal,
      ...(columns ? { columns } : {}),
    };
    runFrom('terminal', () => runCommand(['check', exercise], io, this.options.lab))
      .catch((error: unknown) => {
        out(`lab: the check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      })
      .then((code) => {
        this.check = undefined;
        this.send({ type: 'check-done', exercise, code: controller.signal.aborted ? 130 : code });
      });
  }

  private refuse(code: number, reason: string): void {
    this.options.log(`session closed: ${reason}`);
    this.socket.close(code, reason);
    this.dispose();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.check?.abort();
    const repl = this.repl;
    this.repl = undefined;
    if (repl) {
      // Closing the REPL cancels whatever this page was running (startRepl).
      repl.rl.close();
      repl.input.destroy();
    }
    this.options.onClose();
  }
}
