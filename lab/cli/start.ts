// `npm start`: the checkout's one lab, in the foreground, with the workbook. Builds the site if
// it is stale, opens the lab database, deploys the function, serves both on 127.0.0.1 and prints
// the URL with this launch's token; every `npx lab …` in another shell runs in this lab too.
// Ctrl-C or SIGTERM (or `npx lab stop`) stops the server, every container and PostgreSQL.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError } from 'commander';
import { databaseBanner, describeDatabase } from '../db/lab-database.ts';
import { isLabDbError } from '../db/errors.ts';
import { BuildError } from '../runtime/build.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { startLabServer } from '../server/lab-server.ts';
import { TOKEN_PARAM } from '../server/protocol.ts';
import { buildSite, siteState, SiteBuildError } from '../server/site-build.ts';
import { paint, processIO, type LabIO } from './io.ts';
import { LabContext } from './lab-context.ts';
import { intInRange } from './options.ts';
import { labStatus, stopLab } from '../service/client.ts';
import { LabService } from '../service/lab-service.ts';
import { servicePaths, type ServicePaths } from '../service/paths.ts';

const DIST = join(REPO_ROOT, 'dist');

interface StartOptions {
  port: number;
  siteBuild: boolean;
}

function parseStartArgs(argv: string[], io: LabIO): StartOptions {
  const envPort = process.env.PORT;
  const command = new Command('start')
    .description('serve the workbook and the lab on 127.0.0.1 (builds the site first if it is stale)')
    .option(
      '--port <n>',
      'the port (0: any free one); PORT works too',
      intInRange(0, 65_535),
      envPort ? intInRange(0, 65_535)(envPort) : 4321,
    )
    .option('--no-site-build', 'serve dist/ as it is, even if it is stale')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  command.parse(argv, { from: 'user' });
  return command.opts<StartOptions>();
}

export async function runStart(argv: string[], io: LabIO = processIO()): Promise<number> {
  const began = performance.now();
  let options: StartOptions;
  try {
    options = parseStartArgs(argv, io);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`${paint(io, 'red', 'lab:')} ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  const paths = servicePaths();
  const lab = new LabContext();
  const service = await openForeground(paths, lab, io);
  if (!service) return 2;
  /** What stopping does to the database: an embedded one is stopped, DATABASE_URL's is left alone. */
  let databaseFate = 'PostgreSQL stopped';
  let server: Awaited<ReturnType<typeof startLabServer>> | undefined;
  const stopping = new AbortController();
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping.abort();
      await server?.close();
      await service.stop();
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopped) {
      io.err('lab: stopping already; a second signal would leave processes behind, so waiting\n');
      return;
    }
    io.out(`\n${signal === 'SIGINT' ? '^C' : signal}: stopping the lab…\n`);
    void stop().then(
      () => {
        io.out(`lab stopped: server closed, containers ended, ${databaseFate}.\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      },
      (error: unknown) => {
        io.err(`lab: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `npx lab stop` from another shell stops this lab too: close the site and leave.
  service.once('stopped', () => {
    if (stopped) return;
    void server?.close().finally(() => {
      io.out(`lab stopped by \`lab stop\`: server closed, containers ended, ${databaseFate}.\n`);
      process.exit(0);
    });
  });

  try {
    const site = siteState(REPO_ROOT, DIST);
    if (site.stale && options.siteBuild) {
      const progress = progressLine(io);
      progress(`building the site (${site.reason}): astro build…`);
      const ms = await buildSite(REPO_ROOT, (line) => progress(`building the site: ${line}`), stopping.signal);
      progress.done(`${check(io)} site built in ${(ms / 1000).toFixed(1)} s`);
    } else if (site.stale) {
      io.out(
        `${paint(io, 'yellow', '!')} site: dist/ is stale (${site.reason}); serving it anyway (--no-site-build)\n`,
      );
    }

    const [fn, db] = await Promise.all([lab.function(), lab.database()]);
    const description = await describeDatabase(db.url);
    const dbNote = db.source === 'DATABASE_URL' ? ' (DATABASE_URL)' : '';
    if (db.source === 'DATABASE_URL') databaseFate = 'PostgreSQL (DATABASE_URL) left as it was';
    io.out(`${check(io)} ${databaseBanner(description)}${dbNote}\n`);
    const s = fn.settings;
    io.out(
      `${check(io)} function ${s.functionName}: ${s.memoryMb} MB, ${s.timeoutMs / 1000} s timeout, reserved concurrency ${s.reservedConcurrency}` +
        ` ${paint(io, 'dim', `(bundle ${s.handlerPath.replace(`${REPO_ROOT}/`, '')})`)}\n`,
    );

    server = await startLabServer({
      lab,
      distDir: DIST,
      port: options.port,
      log: (line) => io.err(`${paint(io, 'dim', 'lab server:')} ${line}\n`),
    });
    const pages = lessonPages();
    io.out(`${check(io)} site: ${pages.length} lessons from dist/, lab server on 127.0.0.1:${server.port}\n`);
    const first = pages[0] ? `${pages[0]}/` : '';
    const url = `http://127.0.0.1:${server.port}/${first}?${TOKEN_PARAM}=${server.token}`;
    service.setUrl(url);
    io.out(`\nready in ${((performance.now() - began) / 1000).toFixed(1)} s: open ${paint(io, 'bold', url)}\n`);
    io.out(paint(io, 'dim', '(the token in the URL is this launch’s key to the lab; Ctrl-C stops everything)\n'));
  } catch (error) {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (stopping.signal.aborted && error instanceof SiteBuildError) return 130;
    const readable = isLabDbError(error)
      ? `${error.message}; ${error.hint}`
      : error instanceof SiteBuildError || error instanceof BuildError
        ? error.message
        : (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
          ? `no free port from ${options.port} to ${options.port + 19}: pass --port`
          : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    io.err(`${paint(io, 'red', 'lab:')} ${readable}\n`);
    return isLabDbError(error) || error instanceof SiteBuildError || error instanceof BuildError ? 2 : 1;
  }
  // Runs until a signal: the handler exits the process.
  return new Promise<number>(() => {});
}

function lessonPages(): string[] {
  try {
    return readdirSync(DIST)
      .filter((name) => /^\d\d[a-z]?-/.test(name))
      .sort();
  } catch {
    return [];
  }
}

function check(io: LabIO): string {
  return paint(io, 'green', '✓');
}

/** One line that keeps being rewritten on a terminal; on a pipe, just its first and last state. */
function progressLine(io: LabIO): ((line: string) => void) & { done(line: string): void } {
  const tty = Boolean(process.stdout.isTTY);
  const width = Math.max(20, (process.stdout.columns ?? 80) - 1);
  let shown = false;
  const update = (line: string) => {
    if (tty) io.out(`\r\u001b[2K${line.slice(0, width)}`);
    else if (!shown) io.out(`${line}\n`);
    shown = true;
  };
  return Object.assign(update, {
    done(line: string) {
      io.out(tty ? `\r\u001b[2K${line}\n` : `${line}\n`);
    },
  });
}

/**
 * This checkout's lab, in this process. A lab already serving the workbook is said so (with its
 * URL); a background one (started by a shell command) is stopped so this one can take its place.
 */
async function openForeground(paths: ServicePaths, lab: LabContext, io: LabIO): Promise<LabService | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const opened = await LabService.open({ paths, mode: 'foreground', lab, idleStopMs: null });
    if (opened instanceof LabService) return opened;
    const status = await labStatus(paths);
    if (status?.mode === 'foreground') {
      io.err(
        `${paint(io, 'red', 'lab:')} this checkout's workbook is already being served (pid ${status.pid})` +
          (status.url ? `: open ${status.url}` : '') +
          '; Ctrl-C in its terminal (or `npx lab stop`) stops it.\n',
      );
      return null;
    }
    io.out(`${check(io)} stopping the background lab (pid ${opened.running.pid}) so this one can serve the workbook\n`);
    await stopLab(paths);
  }
  io.err(
    `${paint(io, 'red', 'lab:')} another lab keeps starting for this checkout: run \`npx lab stop\` and try again.\n`,
  );
  return null;
}
