// The client's fast path: a shell command when a lab is already running. bin/lab.mjs loads it
// prebuilt to plain JavaScript (fast-client-build.ts), because Node's type stripping costs a
// new process ~75 ms before the first line of a .ts file runs, more than the whole command
// costs in the lab. Anything else (no lab yet, start, stop, the REPL) goes to lab/cli/main.ts.
import { processIO } from '../cli/io.ts';
import { runsInClient } from '../cli/runs-in-client.ts';
import { liveLockHolder } from '../pid-lock.ts';
import { cancellable, runInLab } from './client.ts';
import { servicePaths } from './paths.ts';

const NOT_HERE = new Set(['start', '__service', 'stop', 'repl']);

/** Runs the command in the running lab of `checkout` and returns its exit code; null when main.ts must. */
export async function runIfLabRunning(argv: string[], checkout: string): Promise<number | null> {
  const [first] = argv;
  if (first === undefined || NOT_HERE.has(first) || runsInClient(argv)) return null;
  const paths = servicePaths(process.env, checkout);
  if (!liveLockHolder(paths.lock)) return null;
  return runInLab(argv, cancellable(processIO()), paths);
}
