import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { functionConfig } from '../runtime/function-config.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { StepReporter, Variant } from './command-support.ts';
import { answerJson, DOORS, type DoorSettings } from '../front-doors/index.ts';
import { requestEvent } from '../front-doors/events.ts';
import { throughDoor } from '../front-doors/through-door.ts';
import { pause, throwIfAborted } from './http.ts';
import { jsonOfLine, storeInvocations } from './log-store.ts';
import { PgObserver, withApplicationName } from './pg-observer.ts';
import { variantHandler } from './variant-build.ts';
import { REPO_ROOT } from '../repo-root.ts';

export interface BudgetOptions {
  databaseUrl: string;
  variant: Variant;
  /** The front door and its settings (its integration timeout, scaled down here); default: an HTTP API, the sample's. */
  door?: DoorSettings;
  /** The function's timeout. */
  lambdaTimeoutMs?: number;
  /** How long the report's query runs on the server. */
  queryMs?: number;
  /** Called at each step, as it happens. */
  onStep?: StepReporter;
  signal?: AbortSignal;
}

export interface BudgetResult {
  scenario: 'budget';
  variant: Variant;
  verdict: 'lambda-timeout' | 'gateway-timeout' | 'ok';
  /** gatewayTimeoutMs: null for a door with no clock of its own (a function URL, an ALB). */
  budgets: {
    gatewayTimeoutMs: number | null;
    lambdaTimeoutMs: number;
    queryMs: number;
    statementTimeoutMs: number | null;
  };
  /** What the door's client got (lab/front-doors), and when. */
  client: Omit<ReturnType<typeof answerJson>, 'answeredBy'> & {
    doorLabel: string;
    answeredBy: 'function' | 'gateway-timeout' | 'function-error';
    atMs: number;
  };
  /** appLogLines: what the function itself logged (the runtime's START/END/REPORT and timeout lines left out). */
  lambda: {
    requestId: string;
    status: InvocationRecord['status'];
    durationMs: number;
    errorMessage: string | null;
    appLogLines: string[];
  };
  server: { queryRunningWhenClientAnswered: boolean; queryEndedAtMs: number | null };
}

/**
 * Three clocks: the gateway's integration timeout, the Lambda timeout, the database's
 * statement_timeout. A warm container runs a report whose query takes `queryMs`; the lab
 * watches the client's answer, the invocation, and the query on the server (pg_stat_activity).
 */
export async function runBudget(options: BudgetOptions): Promise<BudgetResult> {
  const { variant, signal } = options;
  const door: DoorSettings = options.door ?? { door: 'http', payload: '2.0' };
  const gatewayTimeoutMs = DOORS[door.door].timeout ? (door.integrationTimeoutMs ?? 2_500) : null;
  const settings: DoorSettings = gatewayTimeoutMs === null ? door : { ...door, integrationTimeoutMs: gatewayTimeoutMs };
  const lambdaTimeoutMs = options.lambdaTimeoutMs ?? 2_000;
  const queryMs = options.queryMs ?? 3_000;
  const applicationName = `lab-budget-${randomBytes(4).toString('hex')}`;
  const handlerPath = await variantHandler('budget', variant);
  throwIfAborted(signal);
  const fn = new LocalFunction(
    functionConfig({
      handlerPath,
      timeoutMs: lambdaTimeoutMs,
      reservedConcurrency: 1,
      environment: { DATABASE_URL: withApplicationName(options.databaseUrl, applicationName) },
    }),
  );
  const observer = await PgObserver.open(options.databaseUrl);
  const stored: InvocationRecord[] = [];
  try {
    // A warm container: the cold start is a different lesson, and must not blur these clocks.
    stored.push(await fn.invoke(reportEvent(settings, 0)));
    throwIfAborted(signal);
    options.onStep?.(
      `the container is warm; sending the ${queryMs} ms report query through the ${DOORS[settings.door].label}`,
    );
    const event = reportEvent(settings, queryMs);
    const startedAt = performance.now();
    const { answer, atMs, invocation } = await throughDoor(fn, event, settings);
    const runningThen = (await observer.sessions(applicationName)).some(
      (s) => s.state === 'active' && s.query.includes('pg_sleep'),
    );
    options.onStep?.(`the client got HTTP ${answer.statusCode} after ${atMs} ms`);
    const record = await invocation;
    stored.push(record);
    options.onStep?.(
      `the invocation ended: ${record.status} after ${Math.round(record.durationMs)} ms; watching the server`,
    );
    // Watch the server until the query is gone: how long it outlived its caller.
    let queryEndedAtMs: number | null = runningThen ? null : Math.round(performance.now() - startedAt);
    while (queryEndedAtMs === null && performance.now() - startedAt < queryMs + 2_000) {
      throwIfAborted(signal);
      const running = (await observer.sessions(applicationName)).some(
        (s) => s.state === 'active' && s.query.includes('pg_sleep'),
      );
      if (!running) queryEndedAtMs = Math.round(performance.now() - startedAt);
      else await pause(25, signal);
    }
    // The fixed code logs the timeout it derived; the buggy one has a constant in its source.
    const logged = record.logs.map(jsonOfLine).find((j) => typeof j?.statementTimeoutMs === 'number')
      ?.statementTimeoutMs as number | undefined;
    const statementTimeout = logged ?? (await constantStatementTimeout(variant));
    const verdict: BudgetResult['verdict'] =
      answer.case === 'door-timeout' ? 'gateway-timeout' : record.status === 'timeout' ? 'lambda-timeout' : 'ok';
    return {
      scenario: 'budget',
      variant,
      verdict,
      budgets: { gatewayTimeoutMs, lambdaTimeoutMs, queryMs, statementTimeoutMs: statementTimeout ?? null },
      client: {
        ...answerJson(answer),
        doorLabel: DOORS[settings.door].label,
        answeredBy:
          answer.answeredBy === 'function'
            ? 'function'
            : answer.case === 'door-timeout'
              ? 'gateway-timeout'
              : 'function-error',
        atMs,
      },
      lambda: {
        requestId: record.requestId,
        status: record.status,
        durationMs: record.durationMs,
        errorMessage: record.errorMessage ?? null,
        appLogLines: record.logs.filter(
          (l) => !/^(START|END|REPORT) RequestId:/.test(l) && !/Task timed out after/.test(l),
        ),
      },
      server: { queryRunningWhenClientAnswered: runningThen, queryEndedAtMs },
    };
  } finally {
    await fn.shutdown();
    await observer.close();
    await storeInvocations(
      'budget',
      variant,
      stored.map((record) => ({ record })),
    ).catch(() => {});
  }
}

function reportEvent(door: DoorSettings, ms: number): Record<string, unknown> {
  return requestEvent(door, { method: 'GET', path: '/reports/slow', query: { ms: String(ms) } });
}

/** A statement_timeout written into the variant's source as a constant, if it has one. */
async function constantStatementTimeout(variant: Variant): Promise<number | undefined> {
  const source = await readFile(join(REPO_ROOT, 'lab/variants/budget', variant, 'report.service.ts'), 'utf8').catch(
    () => '',
  );
  const match = /STATEMENT_TIMEOUT_MS = ([\d_]+)/.exec(source);
  return match ? Number(match[1]!.replaceAll('_', '')) : undefined;
}
