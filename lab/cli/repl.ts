import { createInterface, type Interface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { parse } from 'shell-quote';
import { paint, type LabIO } from './io.ts';
import type { LabContext } from './lab-context.ts';
import { labCompleter, type Completer } from './completion.ts';
import { withoutLabPrefix } from './lab-prefix.ts';
import { outputWidth, wrap } from './layout.ts';
import { createProgram, runCommand } from './program.ts';
import { forTerminal } from './sanitize.ts';

/** A longer typed line is refused (a long event belongs in a file): shell-quote's stack overflows at ~3.3 M. */
export const MAX_LINE_CHARS = 16 * 1024;

/** Runs one command line: in this process (the page's terminal, in the lab) or in the lab service (the shell). */
export type RunLine = (args: string[], io: LabIO) => Promise<number>;

export interface ReplOptions {
  input: Readable;
  output: Writable;
  run: RunLine;
  /** Tab completion: `labCompleter(program)` (completion.ts). */
  complete: Completer;
  color: boolean;
  /** Shown once the prompt is ready. */
  greeting?: string;
  history?: string[];
  /**
   * False for a page's terminal: readline answers Ctrl-Z by suspending its own process, which in
   * the lab is every page's lab. A shell's REPL keeps the shell's job control.
   */
  jobControl?: boolean;
  /**
   * True for a page's terminal: its end (the page went away, Ctrl-D) cancels the running command.
   * A shell's piped input ends after its last line, and the command that line started still runs.
   */
  cancelOnClose?: boolean;
}

/** Lines entered while a command runs wait their turn; more than this many are refused. */
export const MAX_QUEUED_LINES = 10;

/** Splits a typed line like a shell would (quotes, escapes), but runs no shell. */
export function splitWords(line: string): string[] {
  return parse(line).map((token) => {
    if (typeof token === 'string') return token;
    if ('op' in token && token.op === 'glob') return token.pattern;
    // Operators (|, >, &&, ...) mean nothing here: hand them on as words, the command rejects them.
    return 'op' in token ? token.op : String(token);
  });
}

/**
 * What readline writes (its echo of each key, its prompt and line redraws) goes through here.
 * While a command runs it is held back, so what is typed meanwhile never lands inside the
 * command's output: readline keeps the line, and the prompt after the command draws it again,
 * as a shell shows typed-ahead text. The command's own output goes straight to the terminal.
 */
class ReadlineScreen extends Writable {
  muted = false;
  readonly isTTY = true;
  private readonly target: Writable & { columns?: number; rows?: number };
  private readonly onResize = () => this.emit('resize');

  constructor(target: Writable & { columns?: number; rows?: number }) {
    super({ decodeStrings: false });
    this.target = target;
    target.on('resize', this.onResize);
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  get rows(): number | undefined {
    return this.target.rows;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    if (!this.muted) this.target.write(chunk);
    done();
  }

  detach(): void {
    this.target.off('resize', this.onResize);
  }
}

/**
 * The lab's REPL: the same commands as `npm run lab`, without the prefix (pasted with one, it
 * is dropped: lab-prefix.ts), with history, tab completion and Ctrl-C to cancel the running
 * command. One command at a time: a line entered meanwhile is queued, and says so. Runs on any
 * pair of streams, so the browser terminal gets exactly the shell's REPL.
 */
export function startRepl(options: ReplOptions): Interface {
  const screen = new ReadlineScreen(options.output);
  const promptText = paintIf(options.color, 'lab> ');
  const rl = createInterface({
    input: options.input,
    output: screen,
    terminal: true,
    prompt: promptText,
    history: options.history ?? [],
    historySize: 500,
    completer: options.complete,
  });
  let running: { controller: AbortController; line: string } | undefined;
  const queue: string[] = [];
  // Once closed (exit, Ctrl-D, the page went away) nothing may touch the readline: a command
  // still finishing would otherwise prompt on it (ERR_USE_AFTER_CLOSE kills the lab).
  let closed = false;
  const write = (text: string) => options.output.write(text.replace(/\r?\n/g, '\r\n'));
  const prompt = () => {
    screen.muted = false;
    if (!closed) rl.prompt();
  };
  // The width as the command starts: a shell's TTY, or a page terminal's columns after its last resize.
  const io = (signal: AbortSignal): LabIO => {
    const { columns } = options.output as { columns?: number };
    return { out: write, err: write, color: options.color, signal, ...(columns ? { columns } : {}) };
  };
  /** Drops what readline holds of the line being typed, without drawing anything. */
  const discardLine = () => {
    const muted = screen.muted;
    screen.muted = true;
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    screen.muted = muted;
  };

  rl.on('close', () => {
    closed = true;
    screen.detach();
    queue.length = 0;
    if (options.cancelOnClose) running?.controller.abort();
  });
  if (options.jobControl === false) {
    rl.on('SIGTSTP', () => {
      write(`^Z ignored: this terminal has no job control (Ctrl-C cancels a command)\n`);
      if (!running) prompt();
    });
  }

  rl.on('SIGINT', () => {
    if (running) {
      // As a terminal flushes its typed-ahead input on ^C: the queue and the half-typed line go too.
      const dropped = queue.splice(0);
      discardLine();
      running.controller.abort();
      const also = dropped.length
        ? `; ${dropped.length === 1 ? 'the queued command' : `${dropped.length} queued commands`} dropped`
        : '';
      write(`${paintIf(options.color, `^C cancelled${also}`, 'yellow')}\n`);
    } else if (rl.line) {
      // A shell's ^C on a half-typed line: shown after the line, which is dropped, and a fresh prompt.
      rl.write(null, { ctrl: true, name: 'e' });
      write('^C\n');
      discardLine();
      prompt();
    } else {
      write('^C (type "exit" to leave)\n');
      prompt();
    }
  });

  /** Runs one entered line; the prompt (or the next queued line) follows when it is done. */
  const execute = (line: string): void => {
    if (line.length > MAX_LINE_CHARS) {
      write(
        `${paintIf(options.color, 'lab:', 'red')} that line is longer than ${MAX_LINE_CHARS} characters: put a long event in a file and pass its path\n`,
      );
      return next();
    }
    const typed = splitWords(line.trim());
    const words = withoutLabPrefix(typed);
    if (words.length === 0) {
      if (typed.length > 0) write(`this is the lab's REPL already: type a command ("help" lists them)\n`);
      return next();
    }
    if (words[0] === 'exit' || words[0] === 'quit') return rl.close();
    // `help invoke` is invoke's help; `--help invoke` would be the top-level one.
    const args = words[0] !== 'help' ? words : words[1] ? [words[1], '--help'] : ['--help'];
    const controller = new AbortController();
    running = { controller, line: line.trim() };
    screen.muted = true;
    void Promise.race([options.run(args, io(controller.signal)), aborted(controller.signal)]).finally(() => {
      running = undefined;
      next();
    });
  };
  /** The next queued line, shown after a prompt as if typed there; else the prompt. */
  const next = (): void => {
    const line = closed ? undefined : queue.shift();
    if (line === undefined) {
      // Text typed ahead while the command ran is typed again after the fresh prompt: readline's
      // own redraw would first move up over the command's output by the rows it believes it wrote.
      const typedAhead = closed ? '' : rl.line;
      if (typedAhead) discardLine();
      prompt();
      if (typedAhead && !closed) rl.write(typedAhead);
      return;
    }
    write(`${promptText}${forTerminal(line)}\n`);
    execute(line);
  };

  rl.on('line', (line) => {
    // Input keeps flowing while a command runs, so Ctrl-C reaches us at once. A line entered
    // meanwhile (a second suggested command clicked, a typed Enter) waits its turn, and says so.
    if (running) {
      if (!line.trim()) return;
      if (queue.length >= MAX_QUEUED_LINES) {
        write(`${paintIf(options.color, `not queued: ${MAX_QUEUED_LINES} commands are waiting already`, 'yellow')}\n`);
        return;
      }
      queue.push(line);
      const note = `queued: ${forTerminal(line.trim())} (runs when \`${forTerminal(running.line)}\` ends; Ctrl-C cancels)`;
      write(`${paintIf(options.color, note, 'dim')}\n`);
      return;
    }
    execute(line);
  });
  if (options.greeting) {
    // Folded to the terminal's width, at words (a page terminal on a phone is ~40 columns).
    const { columns } = options.output as { columns?: number };
    write(columns ? `${wrap(options.greeting.trimEnd(), outputWidth({ columns })).join('\n')}\n` : options.greeting);
  }
  prompt();
  return rl;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function paintIf(color: boolean, text: string, style: 'cyan' | 'yellow' | 'red' | 'dim' = 'cyan'): string {
  return paint({ color, out: () => {}, err: () => {} }, style, text);
}

function silentIO(): LabIO {
  return { out: () => {}, err: () => {}, color: false };
}

/** Tab completion over every command (their names, flags and arguments). */
export function replCompleter(lab: LabContext): Completer {
  return labCompleter(createProgram(silentIO(), lab));
}

/** A REPL line run by this process's own lab. */
export function runInProcess(lab: LabContext): RunLine {
  return (args, io) => runCommand(args, io, lab);
}
