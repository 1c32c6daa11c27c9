import type { InvocationRecord } from '../runtime/invocation.ts';
import { functionConfig } from '../runtime/function-config.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import { round2 } from '../runtime/spans.ts';
import { median } from '../stats.ts';
import { httpEvent, jsonBody, pause, responseOf, throwIfAborted } from './http.ts';
import { jsonOfLine, storeInvocations } from './log-store.ts';
import { variantHandler } from './variant-build.ts';

import type { StepReporter, Variant } from './command-support.ts';

export type { Variant };

export interface LeakOptions {
  databaseUrl: string;
  variant: Variant;
  /** Warm calls per provider for the REQUEST-scope cost (0 skips it). */
  costCalls?: number;
  /** How long the container stays frozen between call 1 and call 2 (longer than the audit call takes). */
  frozenMs?: number;
  /** Called after each call, as it happens. */
  onStep?: StepReporter;
  signal?: AbortSignal;
}

/** One call, and what the leak detector found in its answer. */
export interface CallCheck {
  step: string;
  containerId: string | null;
  sent: { user: string | null; awsRequestId: string; apiRequestId: string };
  answered: { user: string | null; awsRequestId: string | null; apiRequestId: string | null } | null;
  leaked: boolean;
}

/** Work one invocation started that ran (and logged) inside another one. */
export interface StrayWork {
  startedBy: string;
  ranDuring: string;
  message: string;
}

export interface LeakResult {
  scenario: 'leak';
  variant: Variant;
  verdict: 'leak' | 'ok';
  onDemand: CallCheck[];
  managedInstances: CallCheck[];
  strayWork: StrayWork[];
  requestScopeCost: {
    warmCalls: number;
    singletonMedianMs: number;
    requestScopedMedianMs: number;
    extraMs: number;
    extraPercent: number;
  } | null;
}

interface Caller {
  user: string | null;
  apiRequestId: string;
}

/**
 * Request-only state. On one warm container: alice, then (after a freeze) an anonymous caller.
 * On one Managed Instances environment (two requests at once): alice and bob overlapping.
 * A detector compares every answer's identity and request ids with the request that caused
 * it, and looks for log lines one invocation wrote during another.
 */
export async function runLeak(options: LeakOptions): Promise<LeakResult> {
  const { variant, signal } = options;
  const handlerPath = await variantHandler('leak', variant);
  throwIfAborted(signal);
  const environment = { DATABASE_URL: options.databaseUrl };
  const onDemandFn = new LocalFunction(functionConfig({ handlerPath, reservedConcurrency: 1, environment }));
  const managedFn = new LocalFunction(
    functionConfig({ handlerPath, reservedConcurrency: 1, perExecutionEnvironmentMaxConcurrency: 2, environment }),
  );
  const stored: Array<{ record: InvocationRecord; apiRequestId: string }> = [];
  const call = async (
    fn: LocalFunction,
    step: string,
    caller: Caller,
  ): Promise<{ check: CallCheck; record: InvocationRecord }> => {
    const event = httpEvent({
      method: 'GET',
      path: '/me',
      headers: caller.user ? { authorization: `Bearer ${caller.user}` } : {},
      apiRequestId: caller.apiRequestId,
    });
    const record = await fn.invoke(event);
    stored.push({ record, apiRequestId: caller.apiRequestId });
    const check = checkAnswer(step, caller, record);
    if (step !== 'warm-up')
      options.onStep?.(`${step}: answered as ${check.answered ? (check.answered.user ?? 'anonymous') : 'nobody'}`);
    return { check, record };
  };
  try {
    // On-demand Lambda: one request at a time per environment, a freeze between calls.
    const first = await call(onDemandFn, 'alice (cold)', caller('alice'));
    throwIfAborted(signal);
    await pause(options.frozenMs ?? 600, signal);
    const second = await call(onDemandFn, 'anonymous (warm, after the freeze)', caller(null));
    throwIfAborted(signal);

    // Managed Instances: one environment serves two requests at once.
    await call(managedFn, 'warm-up', caller(null));
    const [alice, bob] = await Promise.all([
      call(managedFn, 'alice (overlapping)', caller('alice')),
      pause(10, signal).then(() => call(managedFn, 'bob (overlapping)', caller('bob'))),
    ]);
    throwIfAborted(signal);

    const strayWork = [first, second, alice, bob].flatMap(({ record }) => strayLines(record));
    const onDemand = [first.check, second.check];
    const managedInstances = [alice.check, bob.check];
    const leaked = [...onDemand, ...managedInstances].some((c) => c.leaked) || strayWork.length > 0;
    const costCalls = options.costCalls ?? 40;
    if (costCalls > 0) options.onStep?.(`measuring what REQUEST scope costs: ${costCalls} warm calls per provider`);
    const requestScopeCost = costCalls > 0 ? await measureRequestScope(options.databaseUrl, costCalls, signal) : null;
    return {
      scenario: 'leak',
      variant,
      verdict: leaked ? 'leak' : 'ok',
      onDemand,
      managedInstances,
      strayWork,
      requestScopeCost,
    };
  } finally {
    await Promise.all([onDemandFn.shutdown(), managedFn.shutdown()]);
    await storeInvocations('leak', variant, stored).catch(() => {});
  }
}

function caller(user: string | null): Caller {
  return { user, apiRequestId: `leak-${user ?? 'anon'}-${Math.random().toString(36).slice(2, 10)}` };
}

/** The leak detector: does the answer belong to the request that caused it? */
function checkAnswer(step: string, caller: Caller, record: InvocationRecord): CallCheck {
  const body = jsonBody<{ user: string | null; awsRequestId: string | null; apiRequestId: string | null }>(
    responseOf(record),
  );
  const answered = body ? { user: body.user, awsRequestId: body.awsRequestId, apiRequestId: body.apiRequestId } : null;
  const leaked =
    !answered ||
    answered.user !== caller.user ||
    answered.awsRequestId !== record.requestId ||
    answered.apiRequestId !== caller.apiRequestId;
  return {
    step,
    containerId: record.containerId,
    sent: { user: caller.user, awsRequestId: record.requestId, apiRequestId: caller.apiRequestId },
    answered,
    leaked,
  };
}

/** Structured lines written during this invocation by work another invocation started. */
function strayLines(record: InvocationRecord): StrayWork[] {
  const stray: StrayWork[] = [];
  for (const line of record.logs) {
    const json = jsonOfLine(line);
    const owner = json?.awsRequestId;
    if (typeof owner === 'string' && owner !== record.requestId) {
      stray.push({ startedBy: owner, ranDuring: record.requestId, message: String(json?.message ?? line) });
    }
  }
  return stray;
}

/**
 * The price of Scope.REQUEST: the same route, the same work, with the per-request state in a
 * singleton over AsyncLocalStorage (fixed) or in a REQUEST-scoped provider, which makes Nest
 * build the provider, the guard and the controller again on every call. Anonymous warm calls,
 * interleaved so both see the same machine.
 */
async function measureRequestScope(
  databaseUrl: string,
  calls: number,
  signal?: AbortSignal,
): Promise<NonNullable<LeakResult['requestScopeCost']>> {
  const [singletonPath, requestScopedPath] = await Promise.all([
    variantHandler('leak', 'fixed'),
    variantHandler('leak', 'request-scoped'),
  ]);
  const environment = { DATABASE_URL: databaseUrl };
  const singleton = new LocalFunction(
    functionConfig({ handlerPath: singletonPath, reservedConcurrency: 1, environment }),
  );
  const requestScoped = new LocalFunction(
    functionConfig({ handlerPath: requestScopedPath, reservedConcurrency: 1, environment }),
  );
  const event = httpEvent({ method: 'GET', path: '/me' });
  try {
    await Promise.all([singleton.invoke(event), requestScoped.invoke(event)]);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < calls && !signal?.aborted; i++) {
      a.push((await singleton.invoke(event)).durationMs);
      b.push((await requestScoped.invoke(event)).durationMs);
    }
    throwIfAborted(signal);
    const singletonMedianMs = round2(median(a));
    const requestScopedMedianMs = round2(median(b));
    const extraMs = round2(requestScopedMedianMs - singletonMedianMs);
    const extraPercent = singletonMedianMs > 0 ? Math.round((extraMs / singletonMedianMs) * 100) : 0;
    return { warmCalls: a.length, singletonMedianMs, requestScopedMedianMs, extraMs, extraPercent };
  } finally {
    await Promise.all([singleton.shutdown(), requestScoped.shutdown()]);
  }
}
