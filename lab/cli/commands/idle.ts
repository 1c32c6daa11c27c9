import { InvalidArgumentError, type Command } from 'commander';
import {
  LESSONS,
  parseVariant,
  runScenarioCommand,
  short,
  stepsTo,
  verdictLines,
  type Variant,
} from '../../scenarios/command-support.ts';
import { runIdle, type CallOutcome, type IdleDrop, type IdleResult } from '../../scenarios/idle.ts';
import { paint, type LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { intInRange } from '../options.ts';
import { formatMs } from '../../milliseconds.ts';

interface IdleCommandOptions {
  variant: Variant;
  drop: IdleDrop;
  serverIdle: number;
  networkIdle: number;
  frozen: number;
  json?: boolean;
}

export function registerIdle(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('idle')
    .description(
      'the freeze: a pooled connection closed (by the server, or silently by the network) while the container was frozen',
    )
    .option(
      '--variant <variant>',
      'buggy (no pool error listener, default idle timeout) or fixed (listener, short idle timeout, one safe retry)',
      parseVariant,
      'buggy',
    )
    .option(
      '--drop <who>',
      'server (idle_session_timeout: the server closes the session, FIN) or network (a NAT-like proxy forgets it silently, RST on the next write)',
      parseDrop,
      'server',
    )
    .option(
      '--server-idle <ms>',
      "the server's idle_session_timeout for the function's role (--drop server)",
      intInRange(100, 60_000),
      1_000,
    )
    .option(
      '--network-idle <ms>',
      "the network's idle timeout: the proxy forgets a connection idle this long (--drop network)",
      intInRange(100, 60_000),
      1_000,
    )
    .option('--frozen <ms>', 'how long the container stays frozen between the two calls', intInRange(0, 60_000), 1_500)
    .option('--json', 'print one JSON object with the verdict and the measurements')
    .action(async (options: IdleCommandOptions) => {
      const db = await lab.database();
      await runScenarioCommand(
        io,
        options.json,
        (live) =>
          runIdle({
            databaseUrl: db.url,
            variant: options.variant,
            drop: options.drop,
            idleSessionTimeoutMs: options.serverIdle,
            networkIdleTimeoutMs: options.networkIdle,
            frozenMs: options.frozen,
            ...stepsTo(live),
            ...(io.signal ? { signal: io.signal } : {}),
          }),
        (result) => idleStory(io, result),
        idleHead(io, options),
      );
    });
}

function parseDrop(value: string): IdleDrop {
  if (value === 'server' || value === 'network') return value;
  throw new InvalidArgumentError(`expected "server" or "network", got "${value}".`);
}

export function idleHead(
  io: LabIO,
  o: { variant: Variant; drop: IdleDrop; serverIdle: number; networkIdle: number },
): string {
  return o.drop === 'network'
    ? `${paint(io, 'bold', `lab idle --variant ${o.variant} --drop network`)}: GET /users/alice through a NAT-like proxy that forgets a connection idle for ${o.networkIdle} ms`
    : `${paint(io, 'bold', `lab idle --variant ${o.variant}`)}: GET /users/alice, the server's idle_session_timeout is ${o.serverIdle} ms`;
}

/** The story after its head (printed first) and the steps (printed as they happened). */
export function idleStory(io: LabIO, r: IdleResult): string {
  return r.drop === 'network' ? networkStory(io, r) : serverStory(io, r);
}

function serverStory(io: LabIO, r: IdleResult): string {
  const lines: string[] = [];
  lines.push(
    '   server-side close: the server says goodbye and closes the socket (FIN); the pool hears it on the thaw, before the next query',
  );
  lines.push(`1. ${callText(io, r.first)}; the pool keeps its connection (${r.sessionsAfterFirstCall} server session)`);
  lines.push(
    `   container frozen for ${r.frozenMs} ms; ${r.serverClosedSessionAtMs === null ? 'the server kept the session' : `the server closed the idle session after ${r.serverClosedSessionAtMs} ms (pg_stat_activity: 0 sessions)`}`,
  );
  lines.push(`2. thaw: ${callText(io, r.afterThaw)}`);
  for (const line of r.afterThaw.logs) lines.push(`   ${line}`);
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? "a frozen pool cannot run its idle timer: handle the pool's error event, keep idleTimeoutMillis below the server's, retry a read once on a dead connection."
      : r.afterThaw.errorType === 'Runtime.ExitError'
        ? 'the server closed the idle session during the freeze; on the thaw its goodbye reached a pool with no error listener, and the container crashed.'
        : 'the server closed the idle session during the freeze, and the thawed pool handed out the dead connection.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.dbPool]);
}

function networkStory(io: LabIO, r: IdleResult): string {
  const lines: string[] = [];
  lines.push(
    '   silent drop: the network forgets the connection and tells no one (no FIN); only the next write finds out, from a RST',
  );
  lines.push(`1. ${callText(io, r.first)}; the pool keeps its connection (${r.sessionsAfterFirstCall} server session)`);
  lines.push(
    `   container frozen for ${r.frozenMs} ms; ${r.networkDroppedAtMs === null ? 'the proxy kept the connection' : `the proxy forgot the idle connection after ${r.networkDroppedAtMs} ms and closed its side to the server; the container was sent nothing`}`,
  );
  lines.push(`2. thaw: ${callText(io, r.afterThaw)}`);
  // The log lines without their stack traces (those stay in --json and `lab logs`).
  const shown = r.afterThaw.logs.filter((l) => !/^\s|^\}$/.test(l));
  for (const line of shown) lines.push(`   ${line}`);
  if (shown.length < r.afterThaw.logs.length)
    lines.push(`   (${r.afterThaw.logs.length - shown.length} lines of stack trace left out)`);
  const retried = r.afterThaw.logs.some((l) => l.includes('retrying once'));
  const resets = r.networkResets === 1 ? 'one write' : `${r.networkResets} writes`;
  const opened = r.networkConnections === 1 ? '1 connection' : `${r.networkConnections} connections`;
  lines.push(
    r.verdict !== 'ok'
      ? `   the query was that write: the proxy answered ${resets} on the forgotten connection with a RST (the function opened ${opened})`
      : retried
        ? `   the query hit the forgotten connection (RST), and the retry went out on a new one (the function opened ${opened})`
        : `   the pool's own idle timer, overdue on the thaw, let the old connection go first (its goodbye got the RST); the query went out on a new one (the function opened ${opened})`,
  );
  lines.push('');
  const lesson =
    r.verdict === 'ok'
      ? "nothing arrives on the thaw after a silent drop: keep idleTimeoutMillis below the network's idle timeout, and retry a read once on a dead connection."
      : 'the network dropped the idle connection silently during the freeze; the pool handed it out, and the query failed on it.';
  return lines.join('\n') + '\n' + verdictLines(io, r.verdict, lesson, [LESSONS.dbPool]);
}

function callText(io: LabIO, c: CallOutcome): string {
  const where = `container ${short(c.containerId)}${c.coldStart ? ' (cold)' : ''}`;
  if (c.status === 'ok') return `${where}: HTTP ${c.statusCode} in ${formatMs(c.durationMs, 2)}`;
  return `${where}: ${paint(io, 'red', `${c.status} ${c.errorType}: ${c.errorMessage}`)}`;
}
