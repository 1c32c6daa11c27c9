import { AsyncLocalStorage } from 'node:async_hooks';
import { getCurrentInvoke } from '@codegenie/serverless-express';

export interface Invoke {
  event?: { requestContext?: { requestId?: string } };
  context?: { awsRequestId?: string };
}

// serverless-express keeps the current event and context in ONE module-level object
// (serverless-express#674): when one environment serves two requests at once (Lambda Managed
// Instances), the first request reads the second one's event. An AsyncLocalStorage gives each
// invocation its own, as @h4ad/serverless-adapter does.
const storage = new AsyncLocalStorage<Invoke>();

/** Runs one invocation with its own event and context (lab/handler.ts calls it). */
export function runWithInvoke<T>(invoke: Invoke, fn: () => T): T {
  return storage.run(invoke, fn);
}

/** This invocation's event and context; under a handler that never called runWithInvoke(),
 *  serverless-express's shared object, with its bug. */
export function currentInvoke(): Invoke {
  return storage.getStore() ?? (getCurrentInvoke() as Invoke);
}
