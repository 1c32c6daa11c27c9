// Question 3: does no request state outlive its request? Several callers (identities) call the
// same routes on one environment, one after another and — where the adapter lets one environment
// serve several at once (the Managed Instances model) — overlapping. A response carrying another
// caller's values is a leak. The probe also reads every singleton provider's fields before and
// after each call: a field a request left holding that request's values is state that outlived it.

import type { InvocationRecord } from '../runtime/invocation.ts';
import { apiRequestIdOf, clientResponse, eventFor, type Door } from './doors.ts';
import type { ProbedFunction } from './environment.ts';
import type { AppRoute, FieldChange, InvokeRecord } from './nest-probe/records.ts';
import { concretePath, probeRequest } from './probe-requests.ts';
import { plural } from './report.ts';
import { lesson, type Answer } from './verdict.ts';
import { scenarioLessonPage } from '../exercises-runner/manifest.ts';

export interface Identity {
  label: string;
  headers: Array<[string, string]>;
}

/** Rounds one after another (each caller follows the others on every route), and overlapping. */
export const ROUNDS = 1;

/** The values that say who a caller is: the parts of its identity headers long enough to be unique. */
export function identityValues(identity: Identity): string[] {
  const values = new Set<string>();
  for (const [, value] of identity.headers) {
    values.add(value);
    for (const part of value.split(/[\s=;,:]+/))
      if (part.length >= 6 && !/^(bearer|basic)$/i.test(part)) values.add(part);
  }
  return [...values].filter((v) => v.length >= 6);
}

interface Call {
  route: string;
  identity: Identity;
  overlapping: boolean;
  record: InvocationRecord;
  apiRequestId: string | undefined;
  text: string;
}

export async function requestState(
  sequential: ProbedFunction,
  overlapping: ProbedFunction | undefined,
  routes: AppRoute[],
  identities: Identity[],
  door: Door,
  signal?: AbortSignal,
): Promise<Answer> {
  const calls: Call[] = [];
  let n = 0;
  const call = async (fn: ProbedFunction, route: AppRoute, identity: Identity, isOverlap: boolean) => {
    const request = probeRequest(route, 'baseline', `state-${++n}`, identity.headers);
    const event = await eventFor(door, request);
    const record = await fn.invoke(event);
    const response = record.status === 'ok' ? clientResponse(door, record.result) : undefined;
    const text = response
      ? `${JSON.stringify(response.headers)}\n${response.body.toString('utf8')}`
      : `${record.errorMessage ?? ''}`;
    calls.push({
      route: `${route.method === 'ALL' ? 'GET' : route.method} ${concretePath(route.path)}`,
      identity,
      overlapping: isOverlap,
      record,
      apiRequestId: apiRequestIdOf(event),
      text,
    });
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of routes) {
      for (const identity of identities) {
        signal?.throwIfAborted();
        await call(sequential, route, identity, false);
      }
    }
  }
  if (overlapping) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of routes) {
        signal?.throwIfAborted();
        await Promise.all(identities.map((identity) => call(overlapping, route, identity, true)));
      }
    }
  }

  const leaks: string[] = [];
  for (const c of calls) {
    for (const other of identities) {
      if (other === c.identity) continue;
      const mine = new Set(identityValues(c.identity));
      const theirs = identityValues(other).find((v) => !mine.has(v) && c.text.includes(v));
      if (theirs) {
        leaks.push(
          `${c.route} as ${c.identity.label}${c.overlapping ? ' (overlapping)' : ''} answered with ${other.label}'s ${JSON.stringify(theirs)}`,
        );
      }
    }
    const foreignId = calls.find(
      (o) => o !== c && o.apiRequestId && o.apiRequestId !== c.apiRequestId && c.text.includes(o.apiRequestId),
    );
    if (foreignId) {
      leaks.push(
        `${c.route} as ${c.identity.label}${c.overlapping ? ' (overlapping)' : ''} answered with another call's API request id (${foreignId.route} as ${foreignId.identity.label})`,
      );
    }
  }

  const byRequest = new Map<string, InvokeRecord>();
  for (const fn of [sequential, overlapping]) {
    for (const r of (await fn?.records()) ?? []) if (r.kind === 'invoke') byRequest.set(r.requestId, r);
  }
  const written = new Map<string, { change: FieldChange; call: Call }>();
  const otherChanges = new Map<string, FieldChange>();
  for (const c of calls.filter((c) => !c.overlapping)) {
    const values = [...identityValues(c.identity), c.record.requestId, c.apiRequestId].filter((v): v is string =>
      Boolean(v),
    );
    for (const change of byRequest.get(c.record.requestId)?.changes ?? []) {
      const key = `${change.owner}.${change.field}`;
      if (values.some((v) => change.after.includes(v))) {
        if (!written.has(key)) written.set(key, { change, call: c });
      } else if (!written.has(key)) otherChanges.set(key, change);
    }
  }
  for (const key of written.keys()) otherChanges.delete(key);

  const evidence: string[] = [];
  for (const [key, { change, call: c }] of written) {
    evidence.push(`${key} written by ${c.route} (as ${c.identity.label}: ${change.before} → ${change.after})`);
  }
  evidence.push(...dedupe(leaks).slice(0, 8));
  for (const [key, change] of [...otherChanges].slice(0, 5)) {
    evidence.push(`also changed, holding no caller's values: ${key} (${change.before} → ${change.after})`);
  }
  const verdict = written.size === 0 && leaks.length === 0 ? 'yes' : 'no';
  if (verdict === 'yes') {
    evidence.unshift(
      `${calls.length} calls by ${identities.map((i) => i.label).join(', ')} on ${plural(routes.length, 'route')} (${ROUNDS} round one after another${overlapping ? ', and overlapping' : ''}): no answer carried another caller's values, no singleton kept one`,
    );
  }
  return {
    id: 'request-state',
    question: 'Does no request state (user, session) outlive its request in a singleton or a module global?',
    verdict,
    evidence,
    // The leak scenario's lesson, as the one exercise list links them.
    lesson: lesson(scenarioLessonPage('leak').slice(1, -1)),
    detail: {
      identities: identities.map((i) => i.label),
      calls: calls.length,
      leaks: dedupe(leaks),
      singletonFieldsWritten: [...written].map(([key, { change, call: c }]) => ({
        field: key,
        by: c.route,
        identity: c.identity.label,
        before: change.before,
        after: change.after,
      })),
      otherFieldsChanged: [...otherChanges.keys()],
    },
  };
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
