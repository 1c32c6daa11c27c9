import { describe, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

// The property: the handler at the cold start boundary is one nodejs24.x runs, and it hands the
// adapter a Nest app that app.init() has finished: routes registered, onModuleInit done, built
// once per environment. Misconceptions each check catches (test/exercises/mutants/02-handler-and-adapter/):
// - the recipe's third parameter kept, even made optional: the runtime refuses it at init
//   (it counts the declared parameters, lab/runtime/container-main.ts);
// - NestFactory.create() taken for the whole bootstrap: Express answers 404, no Nest route;
// - app.init() started but not awaited: the first call comes in before it has registered the
//   routes (Nest 12 first loads its optional modules), so Express answers 404 as well;
// - the app built inside the handler: every call is answered by another build.
const lab = exerciseLab('02-handler-and-adapter');
/** The catalogue's onModuleInit takes 100 ms (a timer: the same on a busy machine). */
const CATALOG_LOAD_MS = 100;

interface Catalog {
  items: string[] | null;
  build: number;
}

function getCatalog() {
  return sample('health', (event) => {
    event.rawPath = '/catalog';
    event.routeKey = 'GET /catalog';
    event.requestContext.http.path = '/catalog';
    event.requestContext.routeKey = 'GET /catalog';
  });
}

/** The body, when the call answered JSON at all. */
function catalogOf(record: InvocationRecord): Catalog | undefined {
  try {
    return json<Catalog>(record.result);
  } catch {
    return undefined;
  }
}

/** One cold call, judged by the first two checks (a cold start is most of a check's time). */
let cold: Promise<InvocationRecord> | undefined;
async function coldCall(): Promise<InvocationRecord> {
  cold ??= getCatalog().then((event) => lab.fn().invoke(event));
  return cold;
}

describe('02 handler and adapter', () => {
  it('is a handler the nodejs24.x runtime accepts', async () => {
    const record = await coldCall();
    expectBehaviour(
      record.errorType !== 'Runtime.CallbackHandlerDeprecated',
      `The runtime refused the handler at init, before calling it: ${record.errorType}, "${record.errorMessage}" (the call failed after ${record.durationMs} ms). It declares a third parameter, callback, as NestJS's serverless recipe does; nodejs24.x counts the parameters, so an optional or unused one counts too.`,
    );
    expectBehaviour(record.status === 'ok', `GET /catalog should answer, got ${describeRecord(record)}.`);
  });

  it('hands the adapter an app whose app.init() has finished, from the first call', async () => {
    const cold = await coldCall();
    const body = catalogOf(cold);
    expectBehaviour(
      statusCode(cold) !== 404,
      `The first call got ${describeRecord(cold)} from Express: no Nest route was registered when it came in. NestFactory.create() builds the modules and providers; app.init() registers the routes and runs onModuleInit, and the adapter should get the app once app.init() has resolved.`,
    );
    expectBehaviour(statusCode(cold) === 200, `GET /catalog should answer 200, got ${describeRecord(cold)}.`);
    expectBehaviour(
      body !== undefined && Array.isArray(body.items) && body.items.length > 0,
      `The first call was answered before the catalogue's onModuleInit had finished (it takes ${CATALOG_LOAD_MS} ms; the call got items ${JSON.stringify(body?.items)} after a Duration of ${cold.durationMs} ms): the hook runs in app.init(), and the adapter should get the app once app.init() has resolved.`,
    );
  });

  it('builds the app once per environment', async () => {
    const fn = lab.fn();
    const event = await getCatalog();
    const records = [await fn.invoke(event), await fn.invoke(event), await fn.invoke(event)];
    for (const r of records)
      expectBehaviour(statusCode(r) === 200, `GET /catalog should answer 200, got ${describeRecord(r)}.`);
    expectBehaviour(
      new Set(records.map((r) => r.containerId)).size === 1,
      'The three calls should have run in one warm environment.',
    );
    const builds = records.map((r) => catalogOf(r)?.build);
    expectBehaviour(
      new Set(builds).size === 1,
      `Three calls on one environment were answered by apps of builds ${builds.join(', ')}: the handler built Nest again on a warm call (the warm calls took ${records
        .slice(1)
        .map((r) => `${r.durationMs} ms`)
        .join(' and ')}). The app is a candidate for warm reuse: keep it, or its promise, in module scope.`,
    );
  });
});
