// Question 2: does the bootstrap only a cold start needs stay out of warm calls? The probe counts
// NestFactory.create and app.init by phase in one fresh environment (a cold call, then warm
// ones), and in another whose first bootstrap the lab makes fail: a handler must try again once
// and then stay warm, not cache the failure nor rebuild on every call.

import { median } from '../stats.ts';
import { formatMs } from '../milliseconds.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { ProbedFunction } from './environment.ts';
import type { BootstrapRecord, Phase } from './nest-probe/records.ts';
import { lesson, type Answer } from './verdict.ts';

export const WARM_CALLS = 5;
export const CALLS_AFTER_FAULT = 3;

const PHASE_NAMES: Record<Phase, string> = {
  init: 'in init',
  'first-call': 'in the first call',
  warm: 'in warm calls',
};

interface PhaseCount {
  phase: Phase;
  creates: number;
  inits: number;
  ms: number;
}

function failed(record: InvocationRecord): boolean {
  const status = (record.result as { statusCode?: unknown } | undefined)?.statusCode;
  return record.status !== 'ok' || (typeof status === 'number' && status >= 500);
}

function bootstraps(records: unknown[]): BootstrapRecord[] {
  return records.filter((r): r is BootstrapRecord => (r as { kind?: string }).kind === 'bootstrap');
}

function countByPhase(all: BootstrapRecord[]): PhaseCount[] {
  return (['init', 'first-call', 'warm'] as const).map((phase) => {
    const here = all.filter((r) => r.phase === phase);
    return {
      phase,
      creates: here.filter((r) => r.step === 'create').length,
      inits: here.filter((r) => r.step === 'init').length,
      // create's time includes nothing of init's (the handler awaits them one after the other).
      ms: Math.round(here.reduce((sum, r) => sum + r.ms, 0)),
    };
  });
}

export async function bootstrapOnce(
  normal: ProbedFunction,
  faulty: ProbedFunction,
  event: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<Answer> {
  const calls: InvocationRecord[] = [];
  for (let i = 0; i <= WARM_CALLS; i++) {
    signal?.throwIfAborted();
    calls.push(await normal.invoke(await event()));
  }
  const counts = countByPhase(bootstraps(await normal.records()));
  const warm = counts.find((c) => c.phase === 'warm')!;
  const total = counts.reduce((sum, c) => sum + c.creates, 0);
  const cold = calls[0]!;

  const afterFault: InvocationRecord[] = [];
  for (let i = 0; i <= CALLS_AFTER_FAULT; i++) {
    signal?.throwIfAborted();
    afterFault.push(await faulty.invoke(await event()));
  }
  const faultRecords = bootstraps(await faulty.records());
  const injectedAt = faultRecords.findIndex((r) => r.injected);
  const retries = faultRecords.slice(injectedAt + 1).filter((r) => r.step === 'create');
  // The call the injected failure hit may fail (a lazy bootstrap) or succeed (an init that Lambda retried).
  const later = afterFault.slice(1);
  const recovered = later.some((r) => !failed(r));

  const problems: string[] = [];
  if (total === 0) problems.push('NestFactory.create never ran in the environment');
  if (warm.creates > 0) {
    problems.push(
      `NestFactory.create ran ${warm.creates}× in ${WARM_CALLS} warm calls (${warm.ms} ms): Nest is built per call`,
    );
  } else if (total > 1) problems.push(`NestFactory.create ran ${total}× in one environment`);
  if (injectedAt < 0) problems.push('the injected bootstrap failure never happened (no NestFactory.create)');
  else if (!recovered) {
    problems.push(
      `after one failed bootstrap, the next ${later.length} calls failed too (${retries.length} new bootstrap): the failure is cached`,
    );
  } else if (retries.length > 1 && warm.creates === 0) {
    problems.push(`after one failed bootstrap, Nest was built ${retries.length}× (once would do)`);
  }

  const evidence = [
    ...problems,
    ...counts.map(
      (c) =>
        `${PHASE_NAMES[c.phase]}: NestFactory.create ${c.creates}×, app.init ${c.inits}×${c.creates + c.inits ? `, ${formatMs(c.ms)}` : ''}`,
    ),
    `Init Duration ${cold.initDurationMs === null ? '(none: init ran inside the call)' : formatMs(cold.initDurationMs)}, first call ${formatMs(cold.durationMs)}, warm calls ${formatMs(median(calls.slice(1).map((c) => c.durationMs)))} (median of ${WARM_CALLS})`,
    injectedAt < 0
      ? 'fault: none injected'
      : `fault: first bootstrap failed (injected), then ${retries.length} bootstrap${retries.length === 1 ? '' : 's'}, later calls ${later.map((r) => (failed(r) ? 'failed' : 'ok')).join(', ')}`,
  ];
  return {
    id: 'bootstrap-once',
    question: 'Does the bootstrap only a cold start needs stay out of warm calls?',
    verdict: problems.length === 0 ? 'yes' : 'no',
    evidence,
    lesson: lesson('05-cold-start'),
    detail: {
      phases: counts,
      initDurationMs: cold.initDurationMs,
      firstCallDurationMs: cold.durationMs,
      warmDurationsMs: calls.slice(1).map((c) => c.durationMs),
      fault: {
        injected: injectedAt >= 0,
        bootstrapsAfter: retries.length,
        calls: afterFault.map((r) => (failed(r) ? 'failed' : 'ok')),
        recovered,
      },
    },
  };
}
