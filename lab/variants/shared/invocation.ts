import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/** The HTTP event as far as the variants read it (API Gateway v2, v1 and ALB share these fields). */
export interface HttpEvent {
  requestContext?: { requestId?: string };
  headers?: Record<string, string | undefined>;
}

/** One invocation: its event, its context, and whatever request-only state the app keeps on it. */
export interface Invocation {
  event: HttpEvent;
  context: Context;
  user?: string;
}

const invocations = new AsyncLocalStorage<Invocation>();

/** Runs one invocation in its own async context: everything it awaits sees this invocation, and only this one. */
export function runInvocation<T>(invocation: Invocation, fn: () => T): T {
  return invocations.run(invocation, fn);
}

/** The invocation the calling code belongs to (@h4ad/serverless-adapter's current-invoke, with AsyncLocalStorage). */
export function currentInvocation(): Invocation {
  const invocation = invocations.getStore();
  if (!invocation) throw new Error('currentInvocation() was called outside an invocation.');
  return invocation;
}

export function maybeCurrentInvocation(): Invocation | undefined {
  return invocations.getStore();
}
