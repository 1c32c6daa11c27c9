// `lab __service`: the lab a client starts when none runs. Its output goes to .lab/run/lab.log.
// It stops on `npx lab stop`, on SIGTERM/SIGINT, or after LAB_IDLE_STOP_MS without a client.
import { LabContext } from '../cli/lab-context.ts';
import { DEFAULT_IDLE_STOP_MS, LabService } from './lab-service.ts';
import { servicePaths } from './paths.ts';

export async function runBackgroundLab(): Promise<number> {
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} lab[${process.pid}]: ${line}\n`);
  const idle = Number(process.env.LAB_IDLE_STOP_MS ?? DEFAULT_IDLE_STOP_MS);
  const opened = await LabService.open({
    paths: servicePaths(),
    mode: 'background',
    lab: new LabContext(),
    idleStopMs: Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_IDLE_STOP_MS,
    log,
  });
  if (!(opened instanceof LabService)) {
    // Another client started one a moment earlier: that one serves us all.
    log(`a lab already runs for this checkout (pid ${opened.running.pid}): leaving`);
    return 0;
  }
  log('started');
  const stopped = new Promise<void>((resolve) => opened.once('stopped', resolve));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void opened.stop());
  await stopped;
  log('stopped');
  // Nothing else should keep the process: a stray handle must not keep a stopped lab alive.
  process.exit(0);
}
