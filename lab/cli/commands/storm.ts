import type { Command } from 'commander';
import {
  LESSONS,
  parseVariant,
  runScenarioCommand,
  stepsTo,
  verdictLines,
  type Variant,
} from '../../scenarios/command-support.ts';
import { runStorm, type StormResult } from '../../scenarios/storm.ts';
import { paint, type LabIO } from '../io.ts';
import { progressBar } from '../live-lines.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';

interface StormCommandOptions {
  variant: Variant;
  containers: number;
  limit: number;
  waves: number;
  json?: boolean;
}

export function registerStorm(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('storm')
    .description('warm reuse of the pool: N cold containers against a database with few connections to give')
    .option(
      '--variant <variant>',
      'buggy (a big pool per call) or fixed (one pool per container, max 1)',
      parseVariant,
      'buggy',
    )
    .option('--containers <n>', 'containers started at once', intInRange(1, 50), 8)
    .option('--limit <n>', "connections the function's database role may open", intInRange(1, 100), 10)
    .option('--waves <n>', 'rounds of concurrent calls (the first cold)', intInRange(1, 20), 3)
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: StormCommandOptions) => {
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        (live) =>
          runStorm({
            databaseUrl: db.url,
            variant: options.variant,
            containers: options.containers,
            connectionLimit: options.limit,
            waves: options.waves,
            ...stepsTo(live),
            ...(live ? { onProgress: (done: number, total: number) => live.progress(progressBar(done, total)) } : {}),
            ...(io.signal ? { signal: io.signal } : {}),
          }),
        (result) => stormStory(io, result),
        stormHead(io, options.variant, options.containers, options.waves),
      );
    });
}

const BLOCKS = '·▁▂▃▄▅▆▇█';

export function stormHead(io: LabIO, variant: Variant, containers: number, waves: number): string {
  return `${paint(io, 'bold', `lab storm --variant ${variant}`)}: ${containers} containers x ${waves} waves of GET /dashboard (3 queries per call), the first wave cold`;
}

/** The story after its head (printed first) and the waves (printed as they happened). */
export function stormStory(io: LabIO, r: StormResult): string {
  const lines: string[] = [];
  lines.push(
    `database: the function's role may open ${r.connectionLimit} connections (its CONNECTION LIMIT stands in for a small max_connections)`,
  );
  const spark = r.connectionsOverTime
    .map((s) => BLOCKS[Math.min(8, Math.round((s.connections / Math.max(1, r.connectionLimit)) * 8))])
    .join('');
  lines.push(
    `connections over ${r.durationMs} ms (pg_stat_activity): ${spark} peak ${r.peakConnections} of ${r.connectionLimit}`,
  );
  lines.push(`still held by the frozen containers after the last wave: ${r.connectionsHeldAfter}`);
  const failed = r.failedCalls > 0 ? paint(io, 'red', `${r.failedCalls} failed`) : paint(io, 'green', '0 failed');
  lines.push(
    `calls: ${r.calls}, ${failed}; refused a connection (53300): ${r.refusedCalls}${r.refusalMessage ? ` "${r.refusalMessage}"` : ''}`,
  );
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? 'one pool per container at module scope, max sized for one request at a time: N containers hold at most N connections.'
      : 'every container multiplies the pool: a pool per call, or a big max, turns a scale-out into a connection storm.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.dbPool, LESSONS.reuseMap]);
}
