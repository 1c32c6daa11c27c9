import type { Command } from 'commander';
import { LESSONS, parseVariant, runScenarioCommand, short, verdictLines, type Variant } from '../../scenarios/command-support.ts';
import { runIdle, type CallOutcome, type IdleResult } from '../../scenarios/idle.ts';
import { paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';

interface IdleCommandOptions {
  variant: Variant;
  serverIdle: number;
  frozen: number;
  json?: boolean;
}

export function registerIdle(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('idle')
    .description('the freeze: a pooled connection the server closed while the container was frozen')
    .option('--variant <variant>', 'buggy (no pool error listener, default idle timeout) or fixed (listener, short idle timeout, one safe retry)', parseVariant, 'buggy')
    .option('--server-idle <ms>', 'the server\'s idle_session_timeout for the function\'s role', intInRange(100, 60_000), 1_000)
    .option('--frozen <ms>', 'how long the container stays frozen between the two calls', intInRange(0, 60_000), 1_500)
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: IdleCommandOptions) => {
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        () => runIdle({ databaseUrl: db.url, variant: options.variant, idleSessionTimeoutMs: options.serverIdle, frozenMs: options.frozen, ...(io.signal ? { signal: io.signal } : {}) }),
        (result) => idleStory(io, result),
      );
    });
}

export function idleStory(io: LabIO, r: IdleResult): string {
  const lines: string[] = [];
  lines.push(`${paint(io, 'bold', `lab idle --variant ${r.variant}`)}: GET /users/alice, the server's idle_session_timeout is ${r.idleSessionTimeoutMs} ms`);
  lines.push(`1. ${callText(io, r.first)}; the pool keeps its connection (${r.sessionsAfterFirstCall} server session)`);
  lines.push(
    `   container frozen for ${r.frozenMs} ms; ${r.serverClosedSessionAtMs === null ? 'the server kept the session' : `the server closed the idle session after ${r.serverClosedSessionAtMs} ms (pg_stat_activity: 0 sessions)`}`,
  );
  lines.push(`2. thaw: ${callText(io, r.afterThaw)}`);
  for (const line of r.afterThaw.logs) lines.push(`   ${line}`);
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? 'a frozen pool cannot run its idle timer: handle the pool\'s error event, keep idleTimeoutMillis below the server\'s, retry a read once on a dead connection.'
      : r.afterThaw.errorType === 'Runtime.ExitError'
        ? 'the server closed the idle session during the freeze; on the thaw its goodbye reached a pool with no error listener, and the container crashed.'
        : 'the server closed the idle session during the freeze, and the thawed pool handed out the dead connection.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.dbPool]);
}

function callText(io: LabIO, c: CallOutcome): string {
  const where = `container ${short(c.containerId)}${c.coldStart ? ' (cold)' : ''}`;
  if (c.status === 'ok') return `${where}: HTTP ${c.statusCode} in ${c.durationMs.toFixed(2)} ms`;
  return `${where}: ${paint(io, 'red', `${c.status} ${c.errorType}: ${c.errorMessage}`)}`;
}
