import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

// The property: one connection per environment, kept for its life. Misconceptions each check
// catches (test/exercises/mutants/08-the-pool/):
// - a pool or client made and ended in every call: connections are sampled during the calls, and
//   warm calls must reuse one (held *after* the calls, they look fine);
// - an idle timeout shorter than the gap between calls: the same, it reconnects every call;
// - max above 1 with the queries in parallel: the peak during a call is counted;
// - no 'error' listener: the server closes the connection during the freeze.
const lab = exerciseLab('08-the-pool');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => db.end());

/**
 * Each test's function gets its own application_name (node-postgres reads PGAPPNAME), so the
 * test counts exactly the connections its environments hold, whatever else uses the database.
 */
function pooledFunction(overrides: Parameters<typeof lab.fn>[0] = {}) {
  const appName = `exercise-08-${randomUUID().slice(0, 8)}`;
  const fn = lab.fn({ ...overrides, environment: { PGAPPNAME: appName } });
  return { fn, appName };
}

async function connections(appName: string): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
    appName,
  ]);
  return rows.map((r) => r.pid);
}

/** The function's connections as the server sees them, sampled while `work` runs. */
async function watching<T>(appName: string, work: () => Promise<T>) {
  const pids = new Set<number>();
  let peak = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const now = await connections(appName);
      for (const pid of now) pids.add(pid);
      peak = Math.max(peak, now.length);
      await sleep(5);
    }
  })();
  try {
    return { result: await work(), pids, peak };
  } finally {
    done = true;
    await sampler;
  }
}

const dashboard = () =>
  sample('health', (event) => {
    event.rawPath = '/dashboard';
    event.routeKey = 'GET /dashboard';
    event.requestContext.http.path = '/dashboard';
    event.requestContext.routeKey = 'GET /dashboard';
  });

function ok(record: InvocationRecord): void {
  expectBehaviour(statusCode(record) === 200, `GET /dashboard should answer 200, got ${describeRecord(record)}.`);
}

describe('06 the pool', () => {
  it('holds one connection per environment, the same one across warm calls', async () => {
    const { fn, appName } = pooledFunction();
    const event = await dashboard();
    // Watched during the calls, not after: a pool made and ended per call holds nothing after.
    const watched = await watching(appName, async () => {
      for (let i = 0; i < 3; i++) ok(await fn.invoke(event));
    });
    expectBehaviour(
      watched.peak <= 1,
      `During three calls, one warm environment held ${watched.peak} database connections at once. It serves one request at a time: one pool with one connection (max: 1) is all it needs.`,
    );
    expectBehaviour(
      watched.pids.size <= 1,
      `Three warm calls in a row opened ${watched.pids.size} different database connections: each call connected anew (a pool or client per call, or an idle timeout shorter than the gap between calls). Create the pool once, at module scope, and let it keep its connection between calls.`,
    );
  });

  it('keeps N environments at N connections at most', async () => {
    const { fn, appName } = pooledFunction();
    const event = await dashboard();
    const watched = await watching(appName, () => Promise.all(Array.from({ length: 4 }, () => fn.invoke(event))));
    watched.result.forEach(ok);
    const environments = new Set(watched.result.map((r) => r.containerId)).size;
    expectBehaviour(
      watched.peak <= environments,
      `${environments} environments at once held up to ${watched.peak} connections. A spike of 100 environments would ask PostgreSQL for ${Math.round((watched.peak / environments) * 100)}.`,
    );
  });

  it('survives a connection the database closed while the environment was frozen', async () => {
    const { fn, appName } = pooledFunction();
    const event = await dashboard();
    const first = await fn.invoke(event);
    ok(first);
    // The environment is frozen now; the server ends its idle connections (an idle timeout, a failover).
    const pids = await connections(appName);
    await db.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
    // Until the server has really closed them, as an idle timeout would have long before the thaw.
    for (let i = 0; i < 100 && (await connections(appName)).length > 0; i++) await sleep(20);
    const afterThaw = await fn.invoke(event);
    const next = await fn.invoke(event);
    for (const record of [afterThaw, next]) {
      expectBehaviour(
        record.errorType !== 'Runtime.ExitError',
        `The database closed an idle connection while the environment was frozen, and on the thaw the environment crashed (${record.errorMessage}): an 'error' event with no listener.`,
      );
    }
    expectBehaviour(
      next.containerId === first.containerId && statusCode(next) === 200,
      `After the database closed its connection, the environment should recover and answer 200, got ${describeRecord(next)}.`,
    );
  });
});
