// Question 1: is every front door's event mapped to a Nest request and its answer back to the
// client without loss? Each of the app's routes gets the mapping probes through each door and
// the handler, and the same request sent straight to the app on loopback; compare.ts names
// each difference.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Json } from '../mapping-inspector/platform.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { compareAnswers, needsInvocation, type Loss } from './compare.ts';
import type { DirectApp, DirectResponse } from './direct-app.ts';
import { apiRequestIdOf, clientResponse, DOOR_NAMES, eventFor, type Door } from './doors.ts';
import type { ProbedFunction } from './environment.ts';
import type { AppRoute, SeenRecord } from './nest-probe/records.ts';
import { concretePath, probeRequest, probesFor, type ProbeName } from './probe-requests.ts';
import { plural } from './report.ts';
import { lesson, type Answer } from './verdict.ts';

interface Sent {
  route: AppRoute;
  probe: ProbeName;
  door: Door;
  stage?: string;
  id: string;
  directIds: [string, string];
  direct: [DirectResponse, DirectResponse];
  record: InvocationRecord;
  lambdaValues: string[];
  result: unknown;
}

export interface FoundLoss extends Loss {
  door: Door;
  route: string;
  probe: ProbeName;
}

/**
 * `direct`: two copies of the app, each in its own process: the ground truth is asked once in
 * each, so a value that differs between two processes (a pid, a start time, a database session)
 * is no loss either.
 */
export async function losslessMapping(
  direct: [DirectApp, DirectApp],
  fn: ProbedFunction,
  routes: AppRoute[],
  doors: Door[],
  signal?: AbortSignal,
): Promise<Answer> {
  const sent: Sent[] = [];
  let n = 0;
  for (const route of routes) {
    const probes = [...new Set(doors.flatMap((door) => probesFor(route, door)))];
    for (const probe of probes) {
      signal?.throwIfAborted();
      n += 1;
      const directIds: [string, string] = [`direct-${n}-1`, `direct-${n}-2`];
      // Twice, one after the other, in two processes: what differs between the two direct answers
      // changes by itself and is no loss.
      const answers = (async (): Promise<[DirectResponse, DirectResponse]> => {
        const first = await direct[0].send(probeRequest(route, probe, directIds[0]));
        await sleep(2); // a clock the app reads has moved on by the second call
        return [first, await direct[1].send(probeRequest(route, probe, directIds[1]))];
      })();
      answers.catch(() => undefined); // awaited below, after the doors: not an unhandled rejection meanwhile
      const throughDoors: Array<Omit<Sent, 'direct'>> = [];
      for (const door of doors.filter((d) => probesFor(route, d).includes(probe))) {
        const id = `${door}-${n}`;
        const request = probeRequest(route, probe, id);
        const event = await eventFor(door, request);
        const record = await fn.invoke(event);
        const lambdaValues = [record.requestId, apiRequestIdOf(event), sourceIpOf(event)].filter(
          (v): v is string => typeof v === 'string',
        );
        throughDoors.push({
          route,
          probe,
          door,
          ...(request.stage ? { stage: request.stage } : {}),
          id,
          directIds,
          record,
          lambdaValues,
          result: record.result,
        });
      }
      const answered = await answers;
      for (const s of throughDoors) sent.push({ ...s, direct: answered });
    }
  }
  const seen = new Map<string, SeenRecord>();
  for (const record of [...(await direct[0].records()), ...(await fn.records())]) {
    if (record.kind === 'seen' && (!seen.has(record.probe) || record.bodyBase64 !== undefined))
      seen.set(record.probe, record);
  }
  const losses: FoundLoss[] = [];
  const offLambda = new Set<string>();
  for (const s of sent) {
    const client = s.record.status === 'ok' ? clientResponse(s.door, s.result) : undefined;
    const directSeen = seen.get(s.directIds[0]);
    const handlerSeen = seen.get(s.id);
    if (needsInvocation({ direct: s.direct, ...(client ? { client } : {}) })) {
      offLambda.add(`${s.route.method} ${concretePath(s.route.path)}`);
    }
    for (const loss of compareAnswers({
      probe: s.probe,
      ...(s.stage ? { stage: s.stage } : {}),
      direct: s.direct,
      ...(directSeen ? { directSeen } : {}),
      record: s.record,
      ...(client ? { client } : {}),
      ...(handlerSeen ? { handlerSeen } : {}),
      lambdaValues: [...s.lambdaValues, ...(handlerSeen ? [String(handlerSeen.pid)] : [])],
      directValues: directSeen ? [String(directSeen.pid)] : [],
    })) {
      losses.push({ ...loss, door: s.door, route: `${s.route.method} ${concretePath(s.route.path)}`, probe: s.probe });
    }
  }
  return answer(losses, sent.length, routes, doors, [...offLambda]);
}

function sourceIpOf(event: Json): string | undefined {
  return event.requestContext?.http?.sourceIp ?? event.requestContext?.identity?.sourceIp;
}

function answer(losses: FoundLoss[], calls: number, routes: AppRoute[], doors: Door[], offLambda: string[]): Answer {
  const byRule = new Map<string, FoundLoss[]>();
  for (const loss of losses) byRule.set(loss.rule, [...(byRule.get(loss.rule) ?? []), loss]);
  const evidence: string[] = [];
  for (const [rule, found] of byRule) {
    const first = found[0]!;
    const where = [...new Set(found.map((l) => l.door))].map((d) => d).join(', ');
    evidence.push(
      `${rule} (${found.length}×, ${where}): ${first.route} [${first.probe}, ${DOOR_NAMES[first.door]}] ${first.evidence}`,
    );
  }
  if (losses.length === 0) {
    evidence.push(
      `${calls} probe calls (${plural(routes.length, 'route')} × ${doors.join(', ')}): status, headers, cookies and body bytes as the app answers directly`,
    );
  }
  if (offLambda.length > 0) {
    evidence.push(
      `answers not compared (the route fails off Lambda: it reads the invocation), requests still compared: ${offLambda.join(', ')}`,
    );
  }
  return {
    id: 'lossless-mapping',
    question: 'Is every event mapped to a Nest request, and its answer to the client, without loss?',
    verdict: losses.length === 0 ? 'yes' : 'no',
    evidence,
    lesson: lesson('06-event-mapping'),
    detail: {
      routes,
      doors,
      calls,
      notCompared: offLambda,
      losses: losses.map(({ rule, door, route, probe, evidence: e }) => ({ rule, door, route, probe, evidence: e })),
    },
  };
}
