/**
 * The process inside one simulated Lambda execution environment. The host forks it, it loads
 * the handler module (the init phase), says "ready", then serves invocations over IPC until the
 * host freezes, kills or reaps it. Module globals of the handler live exactly as long as this
 * process.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import { createContext } from './lambda-context.ts';
import { appLogLine } from './log-lines.ts';
import { formattedError, rejectionValue, toRapidResponse, unhandledRejection } from './rapid-errors.ts';
import type { ContainerMessage, HostMessage, InvokeMessage } from './messages.ts';
import { round2, type Span } from './spans.ts';
import { supervise } from './supervisor.ts';
import { currentScope, initSpans, installTracer, record, runInScope, type InvocationScope } from './tracer.ts';

/** AWS docs, API_Invoke.html / observed errors: 6 MB plus 100 bytes of response, "6291556 bytes". */
const RESPONSE_LIMIT_BYTES = 6_291_556;

type LambdaHandler = (event: unknown, context: unknown) => unknown;

/**
 * Where this runtime's messages go: the host's IPC channel, or, on a Managed Instances worker
 * thread, the environment's main thread (supervisor.ts), which relays them.
 */
function send(message: ContainerMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

/** LogPatch.js: `AWS_LAMBDA_LOG_FORMAT=JSON` (the function's LogFormat) switches every console line to JSON. */
const JSON_LOGS = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';

function log(level: string, args: unknown[]): void {
  const requestId = currentScope()?.requestId;
  send({
    type: 'log',
    requestId,
    line: JSON_LOGS ? jsonLogLine(requestId, level, args) : appLogLine(requestId, level, format(...args)),
  });
}

/** LogPatch.js `formatJsonMessage`: timestamp, level, requestId, message (one argument kept as it is). */
function jsonLogLine(requestId: string | undefined, level: string, args: unknown[]): string {
  const line: Record<string, unknown> = { timestamp: new Date().toISOString(), level, requestId };
  if (args.length === 1) {
    try {
      return JSON.stringify({ ...line, message: args[0] }, jsonErrorReplacer);
    } catch {
      return JSON.stringify({ ...line, message: format(args[0]) });
    }
  }
  line.message = format(...args);
  const error = args.find((a) => a instanceof Error);
  if (error) Object.assign(line, jsonErrorReplacer('', error));
  return JSON.stringify(line);
}

function jsonErrorReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return {
    errorType: value.constructor?.name ?? 'UnknownError',
    errorMessage: value.message,
    stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    ...value,
  };
}

/** LogPatch.js: text format "<kind> \t{…}"; JSON format the error itself, as console.error(intoError(err)). */
function logError(kind: string, error: unknown): void {
  if (JSON_LOGS) log('ERROR', [error instanceof Error ? error : new Error(String(error))]);
  else log('ERROR', [`${kind} ${formattedError(error)}`]);
}

/** Everything the function prints goes to the host in order, tagged with its invocation. */
function captureOutput(): void {
  console.log = (...args: unknown[]) => log('INFO', args);
  console.info = (...args: unknown[]) => log('INFO', args);
  console.warn = (...args: unknown[]) => log('WARN', args);
  console.error = (...args: unknown[]) => log('ERROR', args);
  console.debug = (...args: unknown[]) => log('DEBUG', args);
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of text.replace(/\n$/, '').split('\n')) {
        send({ type: 'log', requestId: currentScope()?.requestId, line });
      }
      return true;
    }) as typeof stream.write;
  }
}

function errorFields(error: unknown): { errorType: string; errorMessage: string } {
  const { errorType, errorMessage } = toRapidResponse(error);
  return { errorType, errorMessage };
}

/** Requests this environment is serving: a crash answers each of them, as the runtime client posts its error. */
const inFlight = new Set<string>();
let initialized = false;

function peakRssMb(): number {
  return Math.ceil(process.resourceUsage().maxRSS / 1024);
}

/**
 * Runtime.js `_setErrorCallbacks` and index.mjs: an uncaught exception or an unhandled rejection
 * is logged, posted as the error of the invoke under way (or of init), then the runtime exits
 * with 129 or 128. The host turns the exit into a crash of the environment.
 */
function crash(kind: 'Uncaught Exception' | 'Unhandled Promise Rejection', reason: unknown): void {
  const error = kind === 'Unhandled Promise Rejection' ? unhandledRejection(reason) : reason;
  logError(kind, error);
  const rapid = toRapidResponse(error);
  if (!initialized) send({ type: 'init-error', errorType: rapid.errorType, errorMessage: rapid.errorMessage });
  for (const requestId of inFlight) {
    send({
      type: 'result',
      requestId,
      status: 'error',
      ...rapid,
      fatal: true,
      spans: [],
      maxRssMb: peakRssMb(),
      ...(isMainThread ? {} : { worker: threadId }),
    });
  }
  process.exit(kind === 'Uncaught Exception' ? 129 : 128);
}

/**
 * The process's own exit (process.exit in the function, or a crash) reports its peak memory
 * first: once it is gone the host cannot read it, and Max Memory Used is never 0 for a process
 * that ran.
 */
function reportMemoryOnExit(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    process.exitCode = code ?? undefined;
    const done = () => exit(code ?? undefined);
    if (!process.connected) done();
    process.send?.({ type: 'memory', maxRssMb: peakRssMb() } satisfies ContainerMessage, undefined, {}, done);
    setTimeout(done, 200).unref();
    return undefined as never;
  }) as typeof process.exit;
}

/**
 * The handler module loaded as the runtime client loads it (UserFunction.js in
 * aws/aws-lambda-nodejs-runtime-interface-client): `.cjs` through require, everything else through
 * import (a `.js` file is ESM or CommonJS by its package.json, as Node decides), and the error
 * types it gives: a SyntaxError is Runtime.UserCodeSyntaxError, a module not found is
 * Runtime.ImportModuleError, any other error thrown by the module's top level keeps its own name.
 */
async function loadHandler(): Promise<LambdaHandler | undefined> {
  const handlerPath = process.argv[2]!;
  const exportName = process.argv[3] ?? 'handler';
  const handlerName = process.env._HANDLER ?? `handler.${exportName}`;
  const startedAt = performance.now();
  let mod: Record<string, unknown>;
  if (!existsSync(handlerPath)) {
    // UserFunction.js ends in require.resolve(<module>), whose message names the module, not the path.
    const module = handlerName.replace(/\.[^.]*$/, '');
    send({
      type: 'init-error',
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${module}'`,
    });
    return undefined;
  }
  try {
    mod = handlerPath.endsWith('.cjs')
      ? (createRequire(import.meta.url)(handlerPath) as Record<string, unknown>)
      : ((await import(pathToFileURL(handlerPath).href)) as Record<string, unknown>);
  } catch (error) {
    send({ type: 'init-error', ...importFailure(error) });
    return undefined;
  } finally {
    record('init:bundle-load', startedAt, performance.now());
  }
  // UserFunction.js resolves a dotted export path ("index.nested.handler") property by property.
  const handler = exportName
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], mod);
  if (typeof handler !== 'function') {
    send({
      type: 'init-error',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: handler ? `${handlerName} is not a function` : `${handlerName} is undefined or not exported`,
    });
    return undefined;
  }
  if (handler.length >= 3) {
    send({
      type: 'init-error',
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage:
        'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
        'You need to modify this function to use a supported handler signature: async (event, context).',
    });
    return undefined;
  }
  return handler as LambdaHandler;
}

/** UserFunction.js `_loadUserApp`: the message is the original error as a string ("SyntaxError: …"). */
function importFailure(error: unknown): { errorType: string; errorMessage: string } {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof SyntaxError) return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: String(error) };
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return { errorType: 'Runtime.ImportModuleError', errorMessage: String(error).split('\n')[0]! };
  }
  return errorFields(error);
}

/** Adapter time on both sides of Express, from the marks the app sets when Express starts and finishes. */
function adapterSpans(scope: InvocationScope, returnedAt: number): Span[] {
  const requestIn = scope.marks.get('request-in');
  const responseOut = scope.marks.get('response-out');
  if (requestIn === undefined || responseOut === undefined) return [];
  const base = scope.startedAt - scope.offsetMs;
  const bootstrap = scope.spans.find((s) => s.name === 'init:nest-bootstrap');
  const mappingStartedAt = bootstrap ? bootstrap.startMs + bootstrap.durationMs + base : scope.startedAt;
  return [
    {
      name: 'adapter:request',
      startMs: round2(mappingStartedAt - base),
      durationMs: round2(Math.max(0, requestIn - mappingStartedAt)),
    },
    {
      name: 'adapter:response',
      startMs: round2(responseOut - base),
      durationMs: round2(Math.max(0, returnedAt - responseOut)),
    },
  ];
}

async function invoke(handler: LambdaHandler, message: InvokeMessage, cold: boolean): Promise<void> {
  const startedAt = performance.now();
  const scope: InvocationScope = {
    requestId: message.requestId,
    startedAt,
    // A cold record counts from the process start (this clock's origin, next to the fork).
    offsetMs: cold ? startedAt : 0,
    spans: [],
    marks: new Map(),
  };
  const context = createContext({
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'boundary-lab',
    memoryMb: Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 512),
    requestId: message.requestId,
    deadlineMs: message.deadlineMs,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    traceId: message.traceId,
  });
  // InvokeContext.js _forwardXRay: set for the invoke, before the handler runs.
  process.env._X_AMZN_TRACE_ID = message.traceId;
  await runInScope(scope, async () => {
    let outcome: Pick<
      ContainerMessage & { type: 'result' },
      'status' | 'resultJson' | 'errorType' | 'errorMessage' | 'trace'
    >;
    inFlight.add(message.requestId);
    try {
      const result = await handler(JSON.parse(message.eventJson), context);
      // RAPIDClient.js `_trySerializeResponse`: undefined is sent as null; a value JSON cannot hold is an error.
      let json: string;
      try {
        json = JSON.stringify(result === undefined ? null : result);
      } catch {
        throw new Error('Unable to stringify response body');
      }
      if (Buffer.byteLength(json) > RESPONSE_LIMIT_BYTES) {
        outcome = {
          status: 'error',
          errorType: 'Function.ResponseSizeTooLarge',
          errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT_BYTES} bytes).`,
        };
      } else {
        outcome = { status: 'ok', resultJson: json };
      }
    } catch (thrown) {
      // CallbackContext.js: `fail` logs "Invoke Error" and posts toRapidResponse(error).
      const error = rejectionValue(thrown);
      logError('Invoke Error', error);
      outcome = { status: 'error', ...toRapidResponse(error) };
    }
    inFlight.delete(message.requestId);
    // On a cold call, spans recorded outside any invocation after "ready" (a bootstrap started
    // at module scope but not awaited) belong to this record: both count from the process start.
    const strayInit = cold ? initSpans.splice(0) : [];
    const spans = [...strayInit, ...scope.spans, ...adapterSpans(scope, performance.now())].sort(
      (a, b) => a.startMs - b.startMs,
    );
    send({
      type: 'result',
      requestId: message.requestId,
      ...outcome,
      spans,
      maxRssMb: peakRssMb(),
      ...(isMainThread ? {} : { worker: threadId }),
    });
  });
}

/**
 * One runtime: the whole process on on-demand Lambda, one worker thread of it on Managed Instances
 * (where process.exit and a crash end this thread only: supervisor.ts).
 */
export async function serve(): Promise<void> {
  captureOutput();
  installTracer();
  if (isMainThread) {
    reportMemoryOnExit();
    // The host went away (lab stopped): an environment never outlives its host.
    process.on('disconnect', () => process.exit(0));
  }
  process.on('uncaughtException', (error) => crash('Uncaught Exception', error));
  process.on('unhandledRejection', (reason) => crash('Unhandled Promise Rejection', reason));

  const handler = await loadHandler();
  if (!handler) {
    setImmediate(() => process.exit(1));
    return;
  }
  initialized = true;
  send({ type: 'ready', spans: initSpans.splice(0) });
  let cold = true;
  const onMessage = (message: HostMessage) => {
    if (message.type !== 'invoke') return;
    void invoke(handler, message, cold);
    cold = false;
  };
  if (parentPort) parentPort.on('message', onMessage);
  else process.on('message', onMessage);
}

// argv: the handler's path, its export, and the number of worker threads (0: on-demand Lambda,
// the runtime is the process itself; above 0: Managed Instances, supervisor.ts on this thread).
const workers = Number(process.argv[4] ?? 0);
if (isMainThread && workers > 0) supervise(workers, new URL(import.meta.url), process.argv.slice(2, 4));
else void serve();
