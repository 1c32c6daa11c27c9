import { clientColumns, processIO, type LabIO } from './io.ts';
import { liveLockHolder } from '../pid-lock.ts';
import { servicePaths } from '../service/paths.ts';
import { runsInClient } from './runs-in-client.ts';
import { idleReapMs } from '../runtime/function-config.ts';

/**
 * Commands that need no lab state: with no lab running they run right here, so a build step or
 * a look at the samples does not leave a lab behind. With a lab running they run there like
 * every other command (a `build` there redeploys its functions at once).
 */
const STATELESS = new Set(['events', 'doors', 'build', 'logs', 'solution', 'reset', 'dev', 'help', '--help', '-h']);

/**
 * Every entry point but `npm start` is a client of the checkout's one lab (lab/service/):
 * `npm run lab -- <command>` runs the command there, `npm run lab` alone opens a REPL whose
 * lines run there. `npm start` runs that lab in the foreground, with the workbook.
 */
export async function main(argv: string[]): Promise<number> {
  // A lab setting the runtime reads only when it deploys: a bad one is said now, in one line.
  try {
    idleReapMs();
  } catch (error) {
    process.stderr.write(`lab: ${(error as Error).message}\n`);
    return 2;
  }
  const [first] = argv;
  if (first === 'start') {
    const { runStart } = await import('./start.ts');
    return runStart(argv.slice(1));
  }
  if (first === '__service') {
    const { runBackgroundLab } = await import('../service/background-lab.ts');
    return runBackgroundLab();
  }
  if (first === 'stop') return stop(processIO());
  if (argv.length === 0 || first === 'repl') return shellRepl();
  if (first && STATELESS.has(first) && !liveLockHolder(servicePaths().lock)) return runHere(argv);
  if (runsInClient(argv)) return runHere(argv);
  const { cancellable, runInLab } = await import('../service/client.ts');
  return runInLab(argv, cancellable(processIO()));
}

async function runHere(argv: string[]): Promise<number> {
  const [{ LabContext }, { runCommand }] = await Promise.all([import('./lab-context.ts'), import('./program.ts')]);
  const lab = new LabContext();
  try {
    return await runCommand(argv, processIO(), lab);
  } finally {
    await lab.close();
  }
}

async function stop(io: LabIO): Promise<number> {
  const { stopLab } = await import('../service/client.ts');
  try {
    const pid = await stopLab();
    io.out(
      pid === null
        ? 'no lab is running for this checkout.\n'
        : `lab stopped (pid ${pid}): every container ended, PostgreSQL stopped.\n`,
    );
    return 0;
  } catch (error) {
    io.err(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function shellRepl(): Promise<number> {
  const [{ LabContext }, { replCompleter, startRepl }, { runInLab }, { loadHistory, saveHistory }] = await Promise.all([
    import('./lab-context.ts'),
    import('./repl.ts'),
    import('../service/client.ts'),
    import('./repl-history.ts'),
  ]);
  const rl = startRepl({
    input: process.stdin,
    output: process.stdout,
    // The width as each line runs: the TTY's now (it may have been resized), else COLUMNS.
    run: (args, io) => {
      const columns = clientColumns(process.stdout);
      return runInLab(args, { ...io, cwd: process.cwd(), ...(columns ? { columns } : {}) });
    },
    // Only the commands' definitions are read: this LabContext never opens a database or starts a container.
    complete: replCompleter(new LabContext()),
    color: Boolean(process.stdout.isTTY),
    greeting:
      'Boundary Lab REPL: type "help" for the commands, "events" for the samples, "exit" to leave.\n' +
      'Commands run in this checkout’s lab (started if none runs; `npx lab stop` stops it).\n',
    history: loadHistory(),
  });
  rl.on('history', (history: string[]) => saveHistory(history));
  await new Promise<void>((resolve) => rl.on('close', resolve));
  return 0;
}
