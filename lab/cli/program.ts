import { Command, CommanderError } from 'commander';
import { isLabDbError } from '../db/errors.ts';
import { LabInputError } from '../events/index.ts';
import { BuildError } from '../runtime/build.ts';
import { registerBudget } from './commands/budget.ts';
import { registerBuild } from './commands/build.ts';
import { registerContainers } from './commands/containers.ts';
import { registerDev } from './commands/dev.ts';
import { registerDoors } from './commands/doors.ts';
import { registerEvents } from './commands/events.ts';
import { registerInvoke } from './commands/invoke.ts';
import { registerCheck } from './commands/check.ts';
import { registerHint } from './commands/hint.ts';
import { registerSolution } from './commands/solution.ts';
import { registerReset } from './commands/reset.ts';
import { registerMap } from './commands/map.ts';
import { registerConformance } from './commands/conformance.ts';
import { registerIdle } from './commands/idle.ts';
import { registerLeak } from './commands/leak.ts';
import { registerLogs } from './commands/logs.ts';
import { registerRecycle } from './commands/recycle.ts';
import { registerRetry } from './commands/retry.ts';
import { registerStorm } from './commands/storm.ts';
import { ANSWERED_NO, registerVerify } from './commands/verify.ts';
import { LabUsageError, paint, type LabIO } from './io.ts';
import { displayWidth, fitToWidth, MIN_COLUMNS, outputWidth, wrap } from './layout.ts';
import { forTerminal } from './sanitize.ts';
import type { LabContext } from './lab-context.ts';
import { runAsCommand } from './current-command.ts';

/** Every command, one file each; the shell, the REPL and the browser terminal all run this. */
export function createProgram(io: LabIO, lab: LabContext): Command {
  const width = outputWidth(io);
  const program = new Command('lab')
    .description('Boundary Lab: a real Nest app in a faithful local Lambda')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Commander's errors quote what was typed (an unknown command, a bad option value).
      outputError: (s, write) => write(forTerminal(s, { multiline: true })),
      // Help folds its descriptions under their own column at the terminal's width.
      getOutHelpWidth: () => width,
      getErrHelpWidth: () => width,
    })
    .configureHelp({
      displayWidth,
      // Commander stops folding descriptions below 40 columns; a phone's terminal is about that wide.
      minWidthToWrap: MIN_COLUMNS,
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      () =>
        '\n' +
        wrap(
          "From a shell: `npx lab <command>` (or `npm run lab -- <command>`) runs one command and `npx lab` opens this REPL, both in this checkout's one lab (started if none runs, warm between commands; `npx lab stop` stops it). " +
            '`npm start` runs that lab with the workbook: a terminal in every lesson. `help <command>` for its options.',
          width,
        ).join('\n') +
        '\n',
    );
  registerEvents(program, io);
  registerInvoke(program, io, lab);
  registerContainers(program, io, lab);
  registerRecycle(program, io, lab);
  registerBuild(program, io, lab);
  registerCheck(program, io, lab);
  registerHint(program, io);
  registerSolution(program, io);
  registerReset(program, io);
  registerMap(program, io, lab);
  registerConformance(program, io, lab);
  registerDoors(program, io);
  registerLeak(program, io, lab);
  registerBudget(program, io, lab);
  registerRetry(program, io, lab);
  registerLogs(program, io);
  registerStorm(program, io, lab);
  registerIdle(program, io, lab);
  registerVerify(program, io, lab);
  registerDev(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs one command line (already split into words) and returns the exit code. Expected
 * failures print one line; an unexpected one prints its message, never a stack trace
 * (LAB_DEBUG=1 shows it).
 */
export async function runCommand(args: string[], rawIO: LabIO, lab: LabContext): Promise<number> {
  // No line wider than the terminal (layout.ts). Not for --json: a program reads that, and a JSON
  // line must stay one line; nor for output with no terminal width at all (a pipe without
  // COLUMNS): a log or a grep reads those lines, and no terminal folds them. The layout's own
  // tables and prose still take the default width there.
  const io = args.includes('--json') || !rawIO.columns ? rawIO : fitToWidth(rawIO);
  try {
    // Every invocation this command makes is labelled with it (the page groups them).
    await runAsCommand(args, () => createProgram(io, lab).parseAsync(args, { from: 'user' }));
    return 0;
  } catch (error) {
    // `lab verify` answered no: 1, so CI can tell it from a mistake in the command (2).
    if (error instanceof CommanderError && error.code === ANSWERED_NO) return 1;
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; their text is already written.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (
      error instanceof LabInputError ||
      error instanceof LabUsageError ||
      error instanceof BuildError ||
      isLabDbError(error)
    ) {
      const text = isLabDbError(error) ? `${error.message}; ${error.hint}` : error.message;
      io.err(`${paint(io, 'red', 'lab:')} ${forTerminal(text)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${paint(io, 'red', 'lab: internal error:')} ${forTerminal(message)}\n`);
    if (process.env.LAB_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return 1;
  }
}
