import { describe, it } from 'vitest';
import { json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

const lab = exerciseLab('06-timeout-budget');
/** The function's timeout: far below the service's 5 s statement_timeout. */
const TIMEOUT_MS = 1_500;

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

async function warmFunction() {
  const fn = lab.fn({ timeoutMs: TIMEOUT_MS });
  const warm = await fn.invoke(await report(0));
  expectBehaviour(statusCode(warm) === 200, `A report of 0 ms should answer 200, got ${describeRecord(warm)}.`);
  return fn;
}

describe('06 the timeout budget', () => {
  it('answers 503 from the function before the function times out', async () => {
    const fn = await warmFunction();
    const slow = await fn.invoke(await report(5_000));
    expectBehaviour(
      slow.status !== 'timeout',
      `A report that needs 5 s in a function with a ${TIMEOUT_MS} ms timeout got no answer: Lambda killed the environment mid-query (${slow.errorMessage}). The query's timeout should come from the time the invocation has left.`,
    );
    expectBehaviour(
      statusCode(slow) === 503,
      `A report that cannot finish in time should answer 503, got ${describeRecord(slow)}.`,
    );
    expectBehaviour(
      slow.durationMs < TIMEOUT_MS,
      `The 503 came after ${slow.durationMs} ms, past the ${TIMEOUT_MS} ms timeout.`,
    );
  });

  it('frees the connection at once: the database stopped the query', async () => {
    const fn = await warmFunction();
    const slow = await fn.invoke(await report(5_000));
    expectBehaviour(statusCode(slow) === 503, `The slow report should answer 503 first, got ${describeRecord(slow)}.`);
    const next = await fn.invoke(await report(0));
    expectBehaviour(
      statusCode(next) === 200 && next.containerId === slow.containerId && next.durationMs < 1_000,
      `The next report in the same environment answered ${describeRecord(next)} after ${next.durationMs} ms: the slow query was still holding the connection. Let the database cancel it (statement_timeout), not only the function.`,
    );
  });

  it('still runs a report that fits the budget', async () => {
    const fn = await warmFunction();
    const record = await fn.invoke(await report(200));
    expectBehaviour(
      statusCode(record) === 200,
      `A 200 ms report in a ${TIMEOUT_MS} ms budget should answer 200, got ${describeRecord(record)}.`,
    );
    expectBehaviour(json<{ sleptMs: number }>(record.result).sleptMs === 200, 'The report should say it slept 200 ms.');
  });
});
