// `lab verify`: the source document's three questions asked of a learner's own Nest handler,
// run through the lab's local Lambda. This file only orders the work and turns what cannot be
// verified into one line each (VerifyInputError); the questions are one file each.

import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { detectSource } from '../app/event-to-request/detect-source.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { deployableHandler } from '../runtime/user-handler.ts';
import { bootstrapOnce } from './bootstrap-once.ts';
import { DirectAppError, startDirectApp, type DirectApp } from './direct-app.ts';
import { DOORS, eventFor, type Door } from './doors.ts';
import { probedFunction, type ProbedFunction, type VerifyTarget } from './environment.ts';
import { losslessMapping } from './lossless-mapping.ts';
import type { AppRoute } from './nest-probe/records.ts';
import { probeableRoutes, probeRequest } from './probe-requests.ts';
import { requestState, type Identity } from './request-state.ts';
import { QUESTION_IDS, type Answer, type QuestionId } from './verdict.ts';

export interface VerifyOptions {
  /** Absolute path of the handler module. */
  handler: string;
  exportName: string;
  /** A folder of JSON events: their front doors and their callers' identity headers. */
  eventsDir?: string;
  identities: Identity[];
  doors?: Door[];
  /** The questions to answer (default: all three); the others' environments are never started. */
  questions?: QuestionId[];
  environment: Record<string, string>;
  /** The lab's database URL, for the lab's own code (asked for only when the handler is in lab/). */
  labDatabaseUrl?: () => Promise<string>;
  signal?: AbortSignal;
}

export interface VerifyReport {
  handler: string;
  exportName: string;
  routes: AppRoute[];
  doors: Door[];
  answers: Answer[];
  durationMs: number;
}

/** Something that keeps the handler from being verified: one line, what is wrong and what to do. */
export class VerifyInputError extends Error {
  override name = 'VerifyInputError';
}

const DATABASE_TROUBLE =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|password authentication|database .* does not exist|connect to (the )?database|DATABASE_URL/i;

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const startedAt = performance.now();
  const info = await stat(options.handler).catch(() => undefined);
  if (!info?.isFile()) {
    throw new VerifyInputError(
      `${options.handler} is not a file: pass your built handler module, e.g. --handler dist/lambda.js`,
    );
  }
  const target = await targetFor(options);
  const fromEvents = options.eventsDir ? await readEvents(options.eventsDir) : { doors: [], identities: [] };
  const doors = options.doors ?? (fromEvents.doors.length > 0 ? fromEvents.doors : [...DOORS]);
  const identities = withAnonymous(
    options.identities.length > 0
      ? options.identities
      : fromEvents.identities.length >= 2
        ? fromEvents.identities
        : defaultIdentities(),
  );

  const asked = new Set(options.questions ?? QUESTION_IDS);
  // Two copies of the app on loopback, in two processes (see lossless-mapping.ts), the second
  // started 100 ms later: a value counted from a process's start (its uptime) then differs too.
  // Without question 1 the first copy alone tells the routes.
  const starting = asked.has('lossless-mapping')
    ? [startDirectApp(target), sleep(100).then(() => startDirectApp(target))]
    : [startDirectApp(target)];
  const started = await Promise.allSettled(starting);
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    throw inputError(options.handler, failure.reason);
  }
  const direct = started.map((s) => (s as PromiseFulfilledResult<DirectApp>).value);
  const opened: ProbedFunction[] = [];
  const open = async (settings?: Parameters<typeof probedFunction>[1]) => {
    const fn = await probedFunction(target, settings);
    opened.push(fn);
    return fn;
  };
  try {
    const routes = probeableRoutes(direct[0]!.routes);
    if (routes.length === 0) {
      throw new VerifyInputError(
        `${shown(options.handler)}: the Nest app has no routes after its bootstrap: is the right module passed to NestFactory.create?`,
      );
    }
    const door = doors.includes('http') ? 'http' : doors[0]!;
    const first = routes.find((r) => r.method === 'GET' || r.method === 'ALL') ?? routes[0]!;
    // One environment serves questions 2, 1 and 3 in turn (question 2 counts only its own calls):
    // each cold start on this shared machine costs seconds.
    const normal = await open();
    const answers: Answer[] = [];
    const timed = async (run: () => Promise<Answer>): Promise<Answer> => {
      const at = performance.now();
      const answer = await run();
      return { ...answer, detail: { ...answer.detail, durationMs: Math.round(performance.now() - at) } };
    };
    // Question 2 first: its environments start while nothing else runs, so its times are the app's.
    if (asked.has('bootstrap-once')) {
      answers.push(
        await timed(async () =>
          bootstrapOnce(
            normal,
            await open({ failFirstBootstrap: true }),
            () => eventFor(door, probeRequest(first, 'baseline', 'bootstrap')),
            options.signal,
          ),
        ),
      );
    }
    if (asked.has('lossless-mapping')) {
      const pair = direct as [DirectApp, DirectApp];
      answers.push(await timed(async () => losslessMapping(pair, normal, routes, doors, options.signal)));
    }
    const readRoutes = routes.filter((r) => r.method === 'GET' || r.method === 'ALL');
    if (asked.has('request-state')) {
      answers.push(
        await timed(async () =>
          requestState(
            normal,
            await open({ perEnvironmentConcurrency: identities.length }),
            readRoutes.length > 0 ? readRoutes : routes,
            identities,
            door,
            options.signal,
          ),
        ),
      );
    }
    answers.sort((a, b) => QUESTION_IDS.indexOf(a.id) - QUESTION_IDS.indexOf(b.id));
    return {
      handler: options.handler,
      exportName: options.exportName,
      routes,
      doors,
      answers,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    await Promise.all([...direct.map((d) => d.close()), ...opened.map((fn) => fn.close())]);
  }
}

/** What the environments load: a `.ts` handler's unbundled build, where its @nestjs/core can be found and hooked. */
async function targetFor(options: VerifyOptions): Promise<VerifyTarget> {
  const deployable = await deployableHandler(options.handler);
  const environment = { ...options.environment };
  if (isLabCode(options.handler) && options.labDatabaseUrl && !environment.DATABASE_URL) {
    // The lab's own app and its variants run on the lab's PostgreSQL, as `lab invoke` runs them.
    environment.DATABASE_URL = await options.labDatabaseUrl();
  }
  return { modulePath: deployable.unbundledPath, exportName: options.exportName, environment };
}

function isLabCode(path: string): boolean {
  const inLab = relative(join(REPO_ROOT, 'lab'), path);
  return !inLab.startsWith('..') && !inLab.startsWith(sep) && inLab !== '';
}

function inputError(handler: string, error: unknown): Error {
  if (!(error instanceof DirectAppError)) return error instanceof Error ? error : new Error(String(error));
  const file = shown(handler);
  if (DATABASE_TROUBLE.test(error.message)) {
    return new VerifyInputError(
      `${file} needs a database the lab cannot reach (${error.message}): pass its URL, e.g. --env DATABASE_URL=postgres://…`,
    );
  }
  switch (error.reason) {
    case 'load':
      return new VerifyInputError(`${file} does not load (${error.message}): build it first, then pass the built file`);
    case 'no-export':
      return new VerifyInputError(`${file}: ${error.message}: pass the handler's name with --export <name>`);
    case 'not-nest':
      return new VerifyInputError(
        `${file} is not a Nest app the lab can see (${error.message}): pass the handler that calls NestFactory.create, unbundled (e.g. dist/lambda.js from nest build)`,
      );
    case 'not-express':
      return new VerifyInputError(
        `${file}: ${error.message}: lab verify reads Express's router (@nestjs/platform-express)`,
      );
    case 'bootstrap':
      return new VerifyInputError(
        `${file}: the Nest app's bootstrap failed (${error.message}): fix it, or pass what it needs with --env`,
      );
    default:
      return new VerifyInputError(`${file}: the app could not be started on 127.0.0.1: ${error.message}`);
  }
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Two callers nobody else is: their tokens appear in no app by chance. */
function defaultIdentities(): Identity[] {
  const tag = randomBytes(3).toString('hex');
  return ['alice', 'bob'].map((name) => ({
    label: name,
    headers: [['authorization', `Bearer verify-${name}-${tag}`]],
  }));
}

/** A caller with no identity headers: the one a leaked user most often reaches. */
function withAnonymous(identities: Identity[]): Identity[] {
  if (identities.some((i) => i.headers.length === 0)) return identities;
  return [...identities, { label: 'anonymous', headers: [] }];
}

export function parseIdentity(value: string, index: number): Identity | string {
  const eq = value.indexOf('=');
  if (eq <= 0) return `expected <header>=<value>, got "${value}"`;
  const name = value.slice(0, eq).trim().toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return `"${value.slice(0, eq)}" is not a header name`;
  return { label: `caller ${index + 1}`, headers: [[name, value.slice(eq + 1).trim()]] };
}

const IDENTITY_HEADERS = ['authorization', 'x-api-key'];

/** The front doors and the callers (their Authorization / X-Api-Key) of a folder of events. */
async function readEvents(dir: string): Promise<{ doors: Door[]; identities: Identity[] }> {
  const names = await readdir(dir).catch(() => {
    throw new VerifyInputError(`--events ${dir} is not a folder: pass a folder of JSON events`);
  });
  const doors = new Set<Door>();
  const seen = new Map<string, Identity>();
  for (const name of names.filter((n) => extname(n) === '.json').sort()) {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
    } catch {
      continue; // not JSON: not an event
    }
    const source = detectSource(event);
    if (source === 'apigw-v1') doors.add('rest');
    else if (source === 'apigw-v2') doors.add('http');
    else if (source === 'function-url') doors.add('url');
    else if (source === 'alb') doors.add('alb');
    else continue;
    const headers = (event.headers ?? {}) as Record<string, unknown>;
    for (const [header, value] of Object.entries(headers)) {
      if (!IDENTITY_HEADERS.includes(header.toLowerCase()) || typeof value !== 'string') continue;
      const key = `${header.toLowerCase()}=${value}`;
      if (!seen.has(key)) seen.set(key, { label: `${name}`, headers: [[header.toLowerCase(), value]] });
    }
  }
  return { doors: DOORS.filter((d) => doors.has(d)), identities: [...seen.values()] };
}
