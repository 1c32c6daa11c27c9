// A request through a door with a clock: the client's answer comes when the function answers or
// when the door's integration timeout runs out, whichever is first (the invocation goes on,
// unseen). A function URL and an ALB have no clock: they wait for the function.

import { performance } from 'node:perf_hooks';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import { clientAnswer, DOORS, requestView } from './index.ts';
import type { ClientAnswer, DoorSettings } from './types.ts';

export interface DoorAnswer {
  answer: ClientAnswer;
  /** When the client got it, from the moment it sent the request. */
  atMs: number;
  /** The invocation, which may go on after the door gave up: await it to see how it ended. */
  invocation: Promise<InvocationRecord>;
}

export async function throughDoor(fn: LocalFunction, event: unknown, settings: DoorSettings): Promise<DoorAnswer> {
  const startedAt = performance.now();
  // The body's size is not checked here: the scenarios send small requests, and the invocation must run.
  const { bodyBytes: _size, ...request } = requestView(event);
  const invocation = fn.invoke(event);
  const limit = DOORS[settings.door].timeout ? settings.integrationTimeoutMs : undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut =
    limit === undefined
      ? new Promise<never>(() => {})
      : new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)));
  const first = await Promise.race([invocation, timedOut]);
  clearTimeout(timer);
  const atMs = Math.round(performance.now() - startedAt);
  const outcome = first === 'timeout' ? ({ kind: 'door-timeout' } as const) : first;
  // The record's own duration is not compared again: the clock above decided.
  const { integrationTimeoutMs: _decided, ...untimed } = settings;
  const answer = clientAnswer(untimed, outcome, request);
  return { answer, atMs, invocation };
}
