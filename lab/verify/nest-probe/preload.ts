/**
 * The probe `lab verify` puts in the function's environment (NODE_OPTIONS=--import, as a Lambda
 * function's owner can set it: AWS docs, lambda-nodejs.html, has functions set flags in the
 * NODE_OPTIONS environment variable, and the nodejs24.x bootstrap script keeps a customer's
 * NODE_OPTIONS, observed in its extracted source). It runs before the handler module loads and
 * asks nothing of the learner's code:
 * - it hooks Nest's own entry points (NestFactory.create, NestApplication.prototype.init) in the
 *   @nestjs/core the handler resolves, counting and timing each call by phase (init, first call,
 *   warm calls), and fails the function's first create when asked (the fault injection);
 * - it keeps every app it saw, so the host can read the routes and the singleton providers;
 * - it watches the runtime's own IPC (the invoke message in, the result out) to snapshot every
 *   singleton provider's fields before and after each invocation, and Express's `handle` to
 *   record the request as Nest saw it.
 * Built to plain JavaScript (nest-probe-build.ts): type stripping would add to Init Duration.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { PROBE_ENV, PROBE_HEADER, type FieldChange, type Phase, type ProbeRecord } from './records.ts';

/** What the probe shares with direct-main.ts (same process, same global). */
export interface ProbeState {
  apps: NestAppLike[];
  /** Bootstraps still under way (create or init). */
  pending: Set<Promise<unknown>>;
  /** The first line of every bootstrap that failed. */
  failures: string[];
  found: boolean;
}

/** The parts of a Nest application the probe touches (Nest's own classes, reached at run time). */
export interface NestAppLike {
  getHttpAdapter(): { getInstance(): ExpressLike };
  container?: { getModules(): Map<string, NestModuleLike> };
}

export interface ExpressLike {
  (...args: unknown[]): unknown;
  handle?: (req: RequestLike, res: ResponseLike, next?: unknown) => unknown;
  router?: { stack?: LayerLike[] };
  _router?: { stack?: LayerLike[] };
}

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
}

interface RequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  emit: (event: string, ...args: unknown[]) => boolean;
}

interface ResponseLike {
  once(event: string, listener: () => void): unknown;
}

interface NestModuleLike {
  name?: string;
  metatype?: { name?: string };
  providers: Map<unknown, WrapperLike>;
  controllers: Map<unknown, WrapperLike>;
  injectables: Map<unknown, WrapperLike>;
}

interface WrapperLike {
  name?: unknown;
  instance?: unknown;
  isTransient?: boolean;
  isDependencyTreeStatic?: () => boolean;
}

const KEY = Symbol.for('boundary-lab.verify-probe');
const state: ProbeState = { apps: [], pending: new Set(), failures: [], found: false };
(globalThis as Record<symbol, unknown>)[KEY] = state;

const recordsFile = process.env[PROBE_ENV.records];
const failFirstMarker = process.env[PROBE_ENV.failFirst];
// Not the function's business: the variables are the lab's, read once and removed.
delete process.env[PROBE_ENV.records];
delete process.env[PROBE_ENV.failFirst];

function write(record: ProbeRecord): void {
  if (!recordsFile) return;
  try {
    appendFileSync(recordsFile, JSON.stringify(record) + '\n');
  } catch {
    // The probe must never break the function it watches.
  }
}

// --- phases, from the runtime's own IPC -----------------------------------------------------
let invokes = 0;
let currentRequestId: string | undefined;
const before = new Map<string, Map<string, string>>();

function phase(): Phase {
  if (invokes === 0) return 'init';
  return invokes === 1 && currentRequestId ? 'first-call' : 'warm';
}

process.on('message', (message: { type?: string; requestId?: string }) => {
  if (message?.type !== 'invoke' || !message.requestId) return;
  invokes += 1;
  currentRequestId = message.requestId;
  before.set(message.requestId, snapshot());
});

const send = process.send?.bind(process);
if (send) {
  process.send = ((message: { type?: string; requestId?: string }, ...rest: unknown[]) => {
    if (message?.type === 'result' && message.requestId) {
      const earlier = before.get(message.requestId);
      before.delete(message.requestId);
      if (earlier)
        write({ kind: 'invoke', pid: process.pid, requestId: message.requestId, changes: diff(earlier, snapshot()) });
      if (currentRequestId === message.requestId) currentRequestId = undefined;
    }
    return (send as (...a: unknown[]) => boolean)(message, ...rest);
  }) as typeof process.send;
}

// --- Nest's entry points ----------------------------------------------------------------------
type AnyFn = (...args: unknown[]) => unknown;

function hookNest(): void {
  const handlerPath = process.argv[2];
  if (!handlerPath) return;
  let core: { NestFactory?: Record<string, unknown>; NestApplication?: { prototype: Record<string, unknown> } };
  try {
    // The @nestjs/core the handler itself resolves: the same module instance its import gets.
    core = createRequire(handlerPath)('@nestjs/core') as typeof core;
  } catch (error) {
    write({ kind: 'nest', pid: process.pid, found: false, detail: (error as Error).message?.split('\n')[0] });
    return;
  }
  const factory = core.NestFactory;
  const appProto = core.NestApplication?.prototype;
  if (!factory || typeof factory.create !== 'function' || !appProto || typeof appProto.init !== 'function') {
    write({ kind: 'nest', pid: process.pid, found: false, detail: '@nestjs/core has no NestFactory.create' });
    return;
  }
  state.found = true;
  write({ kind: 'nest', pid: process.pid, found: true });

  const create = factory.create as AnyFn;
  factory.create = function (this: unknown, ...args: unknown[]) {
    return timed('create', async () => {
      if (failFirstMarker && firstOfFunction(failFirstMarker)) {
        throw Object.assign(new Error('boundary-lab verify: injected bootstrap failure'), { injected: true });
      }
      const app = (await create.apply(this, args)) as NestAppLike;
      state.apps.push(app);
      watchRequests(app);
      return app;
    });
  };

  const init = appProto.init as AnyFn;
  appProto.init = function (this: { isInitialized?: boolean }, ...args: unknown[]) {
    // Nest's init returns at once when it already ran: only a real init is a bootstrap.
    if (this.isInitialized) return init.apply(this, args);
    return timed('init', () => init.apply(this, args) as Promise<unknown>);
  };
}

function firstOfFunction(marker: string): boolean {
  try {
    writeFileSync(marker, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function timed<T>(step: 'create' | 'init', run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const at = { phase: phase(), requestId: currentRequestId };
  const promise = (async () => run())().then(
    (value) => {
      write({ kind: 'bootstrap', pid: process.pid, step, ...at, ms: ms(startedAt), ok: true });
      return value;
    },
    (error: unknown) => {
      const injected = Boolean((error as { injected?: boolean })?.injected);
      const message = error instanceof Error ? error.message : String(error);
      if (!injected) state.failures.push(message.split('\n')[0] ?? '');
      write({
        kind: 'bootstrap',
        pid: process.pid,
        step,
        ...at,
        ms: ms(startedAt),
        ok: false,
        error: message,
        injected,
      });
      throw error;
    },
  );
  state.pending.add(promise);
  const settle = () => state.pending.delete(promise);
  promise.then(settle, settle);
  return promise;
}

function ms(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}

// --- the request as Nest saw it ---------------------------------------------------------------
function watchRequests(app: NestAppLike): void {
  let instance: ExpressLike;
  try {
    instance = app.getHttpAdapter().getInstance();
  } catch {
    return;
  }
  const handle = instance.handle;
  if (typeof handle !== 'function') return;
  instance.handle = function (this: unknown, req: RequestLike, res: ResponseLike, next?: unknown) {
    const probe = req.headers?.[PROBE_HEADER];
    if (typeof probe === 'string') {
      const seen = {
        kind: 'seen' as const,
        pid: process.pid,
        probe,
        method: String(req.method),
        url: String(req.originalUrl ?? req.url),
        headers: Object.fromEntries(
          Object.entries(req.headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined),
        ),
      };
      // The body as the app's parsers read it: every chunk the stream gave them, nothing consumed here.
      const chunks: Buffer[] = [];
      const emit = req.emit;
      req.emit = function (this: unknown, event: string, ...args: unknown[]) {
        if (event === 'data' && args[0] !== undefined) chunks.push(Buffer.from(args[0] as Uint8Array));
        return emit.call(this, event, ...args);
      };
      res.once('finish', () => write({ ...seen, bodyBase64: Buffer.concat(chunks).toString('base64') }));
    }
    return handle.call(this, req, res, next);
  };
}

// --- singleton providers, before and after each invocation ------------------------------------
const ids = new WeakMap<object, number>();
let nextId = 1;

/** Nest's own providers: their fields are the framework's bookkeeping, not the app's state. */
const NEST_MODULES = new Set(['InternalCoreModule']);

function snapshot(): Map<string, string> {
  const fields = new Map<string, string>();
  state.apps.forEach((app, index) => {
    let modules: Map<string, NestModuleLike> | undefined;
    try {
      modules = app.container?.getModules();
    } catch {
      return;
    }
    for (const module of modules?.values() ?? []) {
      if (NEST_MODULES.has(String(module.metatype?.name ?? module.name))) continue;
      for (const wrappers of [module.providers, module.controllers, module.injectables]) {
        // Keyed by app too: a handler that builds a new app per call has new providers, not changed ones.
        for (const wrapper of wrappers?.values() ?? []) readWrapper(index, wrapper, fields);
      }
    }
  });
  return fields;
}

/** Providers Nest adds to every module: the framework's bookkeeping. */
const NEST_PROVIDERS = new Set([
  'ModuleRef',
  'ApplicationConfig',
  'Reflector',
  'HttpAdapterHost',
  'ModulesContainer',
  'LazyModuleLoader',
  'ExternalContextCreator',
  'SerializedGraph',
  'InquirerHostCollection',
]);

function readWrapper(app: number, wrapper: WrapperLike, fields: Map<string, string>): void {
  try {
    // A request-scoped or transient provider is made per request: only singletons can keep state.
    if (wrapper.isTransient || (wrapper.isDependencyTreeStatic && !wrapper.isDependencyTreeStatic())) return;
    const instance = wrapper.instance;
    if (typeof instance !== 'object' || instance === null) return;
    const owner = ownerName(wrapper, instance);
    if (NEST_PROVIDERS.has(owner) || NEST_PROVIDERS.has(String(wrapper.name))) return;
    for (const [field, value] of Object.entries(instance)) {
      if (typeof value === 'function') continue;
      describe(`${app}\u0000${owner}\u0000${field}`, value, fields, 1);
    }
  } catch {
    // A getter that throws outside a request: nothing to read there.
  }
}

function ownerName(wrapper: WrapperLike, instance: object): string {
  const name = instance.constructor?.name;
  if (name && name !== 'Object') return name;
  return typeof wrapper.name === 'string' ? wrapper.name : String(wrapper.name);
}

/** A field as text: primitives by value, objects by identity plus one level of their primitive fields. */
function describe(key: string, value: unknown, fields: Map<string, string>, depth: number): void {
  if (value === null || typeof value !== 'object') {
    fields.set(key, typeof value === 'string' ? JSON.stringify(value.slice(0, 200)) : String(value));
    return;
  }
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  const kind = value instanceof Map ? `Map(${value.size})` : value instanceof Set ? `Set(${value.size})` : '';
  const length = Array.isArray(value) ? `[${value.length}]` : '';
  fields.set(key, `${value.constructor?.name ?? 'Object'}${kind}${length}#${id}`);
  if (depth === 0) return;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && !Array.isArray(value)) return;
  const entries = Array.isArray(value)
    ? value.slice(0, 20).map((v, i) => [String(i), v] as const)
    : Object.entries(value).slice(0, 50);
  for (const [k, v] of entries) {
    if (typeof v !== 'function' && (v === null || typeof v !== 'object')) describe(`${key}.${k}`, v, fields, 0);
  }
}

function diff(earlier: Map<string, string>, later: Map<string, string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, after] of later) {
    const prior = earlier.get(key);
    // A field that did not exist before belongs to a provider made during this call (a bootstrap), not a write.
    if (prior === undefined || prior === after) continue;
    const [, owner, field] = key.split('\u0000') as [string, string, string];
    changes.push({ owner, field, before: prior, after });
  }
  return changes;
}

hookNest();
