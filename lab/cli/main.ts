import { publishInvocations } from '../server/trace-feed.ts';
import { processIO } from './io.ts';
import { LabContext } from './lab-context.ts';
import { runCommand } from './program.ts';
import { loadHistory, saveHistory } from './repl-history.ts';
import { startRepl } from './repl.ts';

/**
 * `npm start` serves the workbook and the lab; `npm run lab -- <command>` runs one command;
 * `npm run lab` alone opens the REPL. Invocations made here light up the pages of a running
 * lab server too (lab/server/trace-feed.ts).
 */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'start') {
    const { runStart } = await import('./start.ts');
    return runStart(argv.slice(1));
  }
  const lab = new LabContext();
  publishInvocations(lab);
  const stop = () => void lab.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (argv.length === 0 || argv[0] === 'repl') {
    const rl = startRepl({
      input: process.stdin,
      output: process.stdout,
      lab,
      color: Boolean(process.stdout.isTTY),
      greeting: 'Boundary Lab REPL: type "help" for the commands, "events" for the samples, "exit" to leave.\n',
      history: loadHistory(),
    });
    rl.on('history', (history: string[]) => saveHistory(history));
    process.removeListener('SIGINT', stop);
    await new Promise<void>((resolve) => rl.on('close', resolve));
    await lab.close();
    return 0;
  }
  try {
    return await runCommand(argv, processIO(), lab);
  } finally {
    await lab.close();
  }
}
