// `lab doors`: one small fixture function, run for real in the local Lambda (lab/runtime), through
// each front door, six cases each. What each client got comes from the gateway model (index.ts);
// everything else (statuses from the function, timings, throttles, Lambda's size limit) is measured.

import { fileURLToPath } from 'node:url';
import { functionConfig } from '../runtime/function-config.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import { answerJson, DOORS, type DoorSettings, type FrontDoor } from './index.ts';
import { requestEvent, type HttpRequest } from './events.ts';
import { throughDoor } from './through-door.ts';

export const FIXTURE = fileURLToPath(new URL('./fixture/door-cases.mjs', import.meta.url));

export const CASES = ['normal', 'throws', 'timeout', 'throttled', 'oversized', 'binary'] as const;
export type RunCase = (typeof CASES)[number];

/** The lab's scaled-down clocks: the function's timeout, and API Gateway's integration timeout below it. */
export const FUNCTION_TIMEOUT_MS = 2_000;
export const INTEGRATION_TIMEOUT_MS = 1_000;

/** Each door as a new one is set up: REST without binaryMediaTypes, HTTP API on 2.0, ALB single-value. */
export const DOOR_SETUPS: readonly DoorSettings[] = [
  { door: 'rest', binaryMediaTypes: [], integrationTimeoutMs: INTEGRATION_TIMEOUT_MS },
  { door: 'http', payload: '2.0', integrationTimeoutMs: INTEGRATION_TIMEOUT_MS },
  { door: 'url' },
  { door: 'alb', albMultiValue: false },
];

export interface DoorRun {
  door: FrontDoor;
  case: RunCase;
  client: ReturnType<typeof answerJson>;
  /** When the client got its answer. */
  atMs: number;
  /** How the invocation itself ended (it may outlive the client's answer). */
  invocation: { status: string; errorType: string | null; durationMs: number };
}

export interface DoorsReport {
  functionTimeoutMs: number;
  reservedConcurrency: number;
  doors: Array<{
    door: FrontDoor;
    label: string;
    settings: DoorSettings;
    timeout: (typeof DOORS)[FrontDoor]['timeout'];
    limits: (typeof DOORS)[FrontDoor]['limits'];
  }>;
  cases: readonly RunCase[];
  runs: DoorRun[];
}

export async function runDoors(signal?: AbortSignal): Promise<DoorsReport> {
  const runs: DoorRun[] = [];
  for (const settings of DOOR_SETUPS) {
    const fn = new LocalFunction(
      functionConfig({
        functionName: 'door-cases',
        handlerPath: FIXTURE,
        timeoutMs: FUNCTION_TIMEOUT_MS,
        reservedConcurrency: 1,
      }),
    );
    try {
      // Warm first: the cases compare doors, not cold starts.
      await fn.invoke(requestEvent(settings, { method: 'GET', path: '/normal' }));
      for (const kase of CASES) {
        signal?.throwIfAborted();
        runs.push(await runCase(fn, settings, kase));
      }
    } finally {
      await fn.shutdown();
    }
  }
  return {
    functionTimeoutMs: FUNCTION_TIMEOUT_MS,
    reservedConcurrency: 1,
    doors: DOOR_SETUPS.map((settings) => ({
      door: settings.door,
      label: DOORS[settings.door].label,
      settings,
      timeout: DOORS[settings.door].timeout,
      limits: DOORS[settings.door].limits,
    })),
    cases: CASES,
    runs,
  };
}

async function runCase(fn: LocalFunction, settings: DoorSettings, kase: RunCase): Promise<DoorRun> {
  const request = (path: string, query?: Record<string, string>): HttpRequest => ({
    method: 'GET',
    path,
    // What a browser or curl sends: REST's binary choice reads the first Accept type.
    headers: { accept: '*/*' },
    ...(query ? { query } : {}),
  });
  let hold: Promise<unknown> | undefined;
  let req: HttpRequest;
  switch (kase) {
    case 'timeout':
      req = request('/timeout', { ms: String(FUNCTION_TIMEOUT_MS * 3) });
      break;
    case 'throttled':
      // The only environment is busy with another request: this one is throttled.
      hold = fn.invoke(requestEvent(settings, request('/hold', { ms: '600' })));
      await new Promise((resolve) => setTimeout(resolve, 100));
      req = request('/normal');
      break;
    case 'oversized':
      // Just over this door's response limit (ALB's 1 MB, Lambda's 6 MB + 100 B for the others).
      req = request('/oversized', { bytes: String(DOORS[settings.door].limits.responseBytes + 1_024) });
      break;
    default:
      req = request(`/${kase}`);
  }
  const { answer, atMs, invocation } = await throughDoor(fn, requestEvent(settings, req), settings);
  const record = await invocation;
  await hold;
  return {
    door: settings.door,
    case: kase,
    client: answerJson(answer),
    atMs,
    invocation: { status: record.status, errorType: record.errorType ?? null, durationMs: record.durationMs },
  };
}
