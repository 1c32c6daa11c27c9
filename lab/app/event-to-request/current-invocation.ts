import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';
import type { HttpEvent } from './http-event.ts';

/** One invocation: its event, its context, and whatever request-only state the app keeps on it. */
export interface Invocation {
  event: HttpEvent;
  context: Context;
  user?: string;
}

// serverless-express keeps the current event and context in ONE module-level object
// (getCurrentInvoke(), serverless-express#674): when one environment serves two requests at once
// (Lambda Managed Instances), the first request reads the second one's event. An
// AsyncLocalStorage gives each invocation its own, as @h4ad/serverless-adapter does. The lab
// handler and every scenario variant enter it; the app and the variants read it.
const invocations = new AsyncLocalStorage<Invocation>();

/** Runs one invocation in its own async context: everything it awaits sees this invocation, and only this one. */
export function runInvocation<T>(invocation: Invocation, fn: () => T): T {
  return invocations.run(invocation, fn);
}

/** The invocation the calling code belongs to. */
export function currentInvocation(): Invocation {
  const invocation = invocations.getStore();
  if (!invocation) throw new Error('currentInvocation() was called outside an invocation.');
  return invocation;
}

/** The same, or undefined outside an invocation (a log line at init, a handler that never called runInvocation()). */
export function maybeCurrentInvocation(): Invocation | undefined {
  return invocations.getStore();
}
