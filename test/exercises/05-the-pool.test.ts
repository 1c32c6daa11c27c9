import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

const lab = exerciseLab('05-the-pool');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => db.end());

/**
 * Each test's function gets its own application_name (node-postgres reads PGAPPNAME), so the
 * test counts exactly the connections its environments hold, whatever else uses the database.
 */
function pooledFunction(overrides: Parameters<typeof lab.fn>[0] = {}) {
  const appName = `exercise-05-${randomUUID().slice(0, 8)}`;
  const fn = lab.fn({ ...overrides, environment: { PGAPPNAME: appName } });
  return { fn, appName };
}

async function connections(appName: string): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
    appName,
  ]);
  return rows.map((r) => r.pid);
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

describe('05 the pool', () => {
  it('holds one connection per environment across warm calls', async () => {
    const { fn, appName } = pooledFunction();
    const event = await dashboard();
    for (let i = 0; i < 3; i++) ok(await fn.invoke(event));
    const held = (await connections(appName)).length;
    expectBehaviour(
      held <= 1,
      `After three calls, one warm environment holds ${held} database connections. It serves one request at a time: one pool, created once, with one connection, is all it needs.`,
    );
  });

  it('keeps N environments at N connections at most', async () => {
    const { fn, appName } = pooledFunction();
    const event = await dashboard();
    const records = await Promise.all(Array.from({ length: 4 }, () => fn.invoke(event)));
    records.forEach(ok);
    const environments = new Set(records.map((r) => r.containerId)).size;
    const held = (await connections(appName)).length;
    expectBehaviour(
      held <= environments,
      `${environments} environments at once hold ${held} connections. A spike of 100 environments would ask PostgreSQL for ${Math.round((held / environments) * 100)}.`,
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
