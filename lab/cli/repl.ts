import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parse } from 'shell-quote';
import { paint, type LabIO } from './io.ts';
import type { LabContext } from './lab-context.ts';
import { outputWidth, wrap } from './layout.ts';
import { createProgram, runCommand } from './program.ts';

/** A longer typed line is refused (a long event belongs in a file): shell-quote's stack overflows at ~3.3 M. */
export const MAX_LINE_CHARS = 16 * 1024;

/** Runs one command line: in this process (the page's terminal, in the lab) or in the lab service (the shell). */
export type RunLine = (args: string[], io: LabIO) => Promise<number>;

export interface ReplOptions {
  input: Readable;
  output: Writable;
  run: RunLine;
  /** Command names for tab completion. */
  commands: string[];
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
 * The lab's REPL: the same commands as `npm run lab`, without the prefix, with history, tab
 * completion and Ctrl-C to cancel the running command. Runs on any pair of streams, so the
 * browser terminal gets exactly the shell's REPL.
 */
export function startRepl(options: ReplOptions): Interface {
  const names = ['help', 'exit', ...options.commands];
  const rl = createInterface({
    input: options.input,
    output: options.output,
    terminal: true,
    prompt: paintIf(options.color, 'lab> '),
    history: options.history ?? [],
    historySize: 500,
    completer: (line: string) => {
      const hits = names.filter((n) => n.startsWith(line.trim()));
      return [hits.length ? hits : names, line.trim()];
    },
  });
  let running: AbortController | undefined;
  // Once closed (exit, Ctrl-D, the page went away) nothing may touch the readline: a command
  // still finishing would otherwise prompt on it (ERR_USE_AFTER_CLOSE kills the lab).
  let closed = false;
  const write = (text: string) => options.output.write(text.replace(/\r?\n/g, '\r\n'));
  const prompt = () => {
    if (!closed) rl.prompt();
  };
  // The width as the command starts: a shell's TTY, or a page terminal's columns after its last resize.
  const io = (signal: AbortSignal): LabIO => {
    const { columns } = options.output as { columns?: number };
    return { out: write, err: write, color: options.color, signal, ...(columns ? { columns } : {}) };
  };

  rl.on('close', () => {
    closed = true;
    if (options.cancelOnClose) running?.abort();
  });
  if (options.jobControl === false) {
    rl.on('SIGTSTP', () => {
      write(`^Z ignored: this terminal has no job control (Ctrl-C cancels a command)\n`);
      if (!running) prompt();
    });
  }

  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
      write(paintIf(options.color, '^C cancelled\n', 'yellow'));
    } else {
      write('^C (type "exit" to leave)\n');
      prompt();
    }
  });
  rl.on('line', (line) => {
    // Input keeps flowing while a command runs, so Ctrl-C reaches us (a paused readline only
    // sees it after the command ends); lines typed meanwhile are dropped, not queued.
    if (running) return;
    if (line.length > MAX_LINE_CHARS) {
      write(
        `${paintIf(options.color, 'lab:', 'red')} that line is longer than ${MAX_LINE_CHARS} characters: put a long event in a file and pass its path\n`,
      );
      return prompt();
    }
    const words = splitWords(line.trim());
    if (words.length === 0) return prompt();
    if (words[0] === 'exit' || words[0] === 'quit') return rl.close();
    // `help invoke` is invoke's help; `--help invoke` would be the top-level one.
    const args = words[0] !== 'help' ? words : words[1] ? [words[1], '--help'] : ['--help'];
    const controller = new AbortController();
    running = controller;
    void Promise.race([options.run(args, io(controller.signal)), aborted(controller.signal)]).finally(() => {
      running = undefined;
      prompt();
    });
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

function paintIf(color: boolean, text: string, style: 'cyan' | 'yellow' | 'red' = 'cyan'): string {
  return paint({ color, out: () => {}, err: () => {} }, style, text);
}

function silentIO(): LabIO {
  return { out: () => {}, err: () => {}, color: false };
}

/** The names of every command, for completion. */
export function commandNames(lab: LabContext): string[] {
  return createProgram(silentIO(), lab).commands.map((c) => c.name());
}

/** A REPL line run by this process's own lab. */
export function runInProcess(lab: LabContext): RunLine {
  return (args, io) => runCommand(args, io, lab);
}
