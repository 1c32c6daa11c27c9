import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import { json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

// The property: the query's budget is what this invocation has left, and the database enforces
// it. Misconceptions each check catches (test/exercises/mutants/09-timeout-budget/):
// - a constant statement_timeout that happens to fit one function timeout: two timeouts are used;
// - a timeout only in JavaScript (Promise.race): the server is asked whether the query still runs;
// - all of the remaining time, no margin: the 503 must arrive before Lambda's deadline;
// - no rollback after the cancel: the connection's state is read from pg_stat_activity;
// - a budget so tight that reports which fit are cancelled: a 200 ms and a 1.7 s report must answer 200.
const lab = exerciseLab('09-timeout-budget');
/** The function's timeout: far below the service's 5 s statement_timeout. */
const TIMEOUT_MS = 1_500;
/** A second timeout, so a constant that fits the first one cannot pass. */
const LONGER_TIMEOUT_MS = 2_500;

const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => db.end());

function report(ms: number) {
  return sample('health', (event) => {
    event.rawPath = '/reports/slow';
    event.routeKey = 'GET /reports/slow';
    event.rawQueryString = `ms=${ms}`;
    event.queryStringParameters = { ms: String(ms) };
    event.requestContext.http.path = '/reports/slow';
    event.requestContext.routeKey = 'GET /reports/slow';
  });
}

/**
 * A function warmed by a report of 0 ms. Its own application_name (node-postgres reads
 * PGAPPNAME) lets the test see exactly its connections on the server.
 */
async function warmFunction(timeoutMs = TIMEOUT_MS) {
  const appName = `exercise-09-${randomUUID().slice(0, 8)}`;
  const fn = lab.fn({ timeoutMs, environment: { PGAPPNAME: appName } });
  const warm = await fn.invoke(await report(0));
  expectBehaviour(statusCode(warm) === 200, `A report of 0 ms should answer 200, got ${describeRecord(warm)}.`);
  return { fn, appName };
}

async function expect503InTime(fn: Awaited<ReturnType<typeof warmFunction>>['fn'], timeoutMs: number) {
  const slow = await fn.invoke(await report(5_000));
  expectBehaviour(
    slow.status !== 'timeout',
    `A report that needs 5 s in a function with a ${timeoutMs} ms timeout got no answer: Lambda killed the environment mid-query (${slow.errorMessage}). The query's timeout should come from the time the invocation has left, minus a margin to answer.`,
  );
  expectBehaviour(
    statusCode(slow) === 503,
    `A report that cannot finish in a ${timeoutMs} ms function should answer 503, got ${describeRecord(slow)}.`,
  );
  expectBehaviour(
    slow.durationMs < timeoutMs,
    `The 503 came after ${slow.durationMs} ms, past the ${timeoutMs} ms timeout.`,
  );
  return slow;
}

describe('07 the timeout budget', () => {
  it('answers 503 from the function before the function times out', async () => {
    const { fn } = await warmFunction();
    await expect503InTime(fn, TIMEOUT_MS);
  });

  it('frees the connection at once: the database stopped the query', async () => {
    const { fn, appName } = await warmFunction();
    const slow = await expect503InTime(fn, TIMEOUT_MS);
    // Right after the 503, what the server itself says about this function's connections.
    const { rows } = await db.query<{ state: string | null; query: string }>(
      'select state, query from pg_stat_activity where application_name = $1',
      [appName],
    );
    const running = rows.find((r) => r.state === 'active' && /pg_sleep/.test(r.query));
    expectBehaviour(
      !running,
      `After the 503, PostgreSQL was still running the slow query (pg_stat_activity: active, "${running?.query}"): only JavaScript stopped waiting. Give the query a statement_timeout, so the database cancels it.`,
    );
    const aborted = rows.find((r) => r.state === 'idle in transaction (aborted)');
    expectBehaviour(
      !aborted,
      `After the 503, the connection went back to the pool inside an aborted transaction (pg_stat_activity: "idle in transaction (aborted)"): the next query on it fails. Roll back after the cancel, before releasing the client.`,
    );
    const next = await fn.invoke(await report(0));
    expectBehaviour(
      statusCode(next) === 200 && next.containerId === slow.containerId && next.durationMs < 1_000,
      `The next report in the same environment answered ${describeRecord(next)} after ${next.durationMs} ms; it should answer 200 at once.`,
    );
  });

  it('still runs a report that fits the budget', async () => {
    const { fn } = await warmFunction();
    const record = await fn.invoke(await report(200));
    expectBehaviour(
      statusCode(record) === 200,
      `A 200 ms report in a ${TIMEOUT_MS} ms budget should answer 200, got ${describeRecord(record)}.`,
    );
    expectBehaviour(json<{ sleptMs: number }>(record.result).sleptMs === 200, 'The report should say it slept 200 ms.');
  });

  it(`follows another function timeout (${LONGER_TIMEOUT_MS} ms): the budget is read, not written down`, async () => {
    const { fn } = await warmFunction(LONGER_TIMEOUT_MS);
    const fits = await fn.invoke(await report(1_700));
    expectBehaviour(
      statusCode(fits) === 200,
      `A 1700 ms report in a function with a ${LONGER_TIMEOUT_MS} ms timeout should answer 200, got ${describeRecord(fits)}: its statement_timeout did not grow with the function's timeout. Read it from context.getRemainingTimeInMillis() in each call.`,
    );
  });
});
