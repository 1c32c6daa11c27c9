import { describe, expect, inject, it } from 'vitest';
import { runBudget } from '../../lab/scenarios/budget.ts';

const databaseUrl = inject('databaseUrl');

describe('lab budget', () => {
  it('buggy: a 5 s statement_timeout outlives a 1.5 s Lambda: the container is killed, the client gets a gateway error, the query runs on', async () => {
    const result = await runBudget({
      databaseUrl,
      variant: 'buggy',
      door: { door: 'rest', integrationTimeoutMs: 2_500 },
      lambdaTimeoutMs: 1_500,
      queryMs: 2_200,
    });
    expect(result.verdict).toBe('lambda-timeout');
    expect(result.lambda).toMatchObject({
      status: 'timeout',
      errorMessage: 'Task timed out after 1.50 seconds',
      appLogLines: [],
    });
    expect(result.client.statusCode).toBe(502);
    expect(result.client.atMs).toBeLessThan(2_500);
    // The server kept sleeping for a caller that no longer exists.
    expect(result.server.queryRunningWhenClientAnswered).toBe(true);
    expect(result.server.queryEndedAtMs).toBeGreaterThan(result.client.atMs + 400);
  });

  it('fixed: the query gets the remaining time minus a margin; a clean 503 with the request id before the deadline, nothing left on the server', async () => {
    const result = await runBudget({
      databaseUrl,
      variant: 'fixed',
      door: { door: 'rest', integrationTimeoutMs: 2_500 },
      lambdaTimeoutMs: 1_500,
      queryMs: 2_200,
    });
    expect(result.verdict).toBe('ok');
    expect(result.lambda.status).toBe('ok');
    expect(result.client.statusCode).toBe(503);
    expect(JSON.parse(result.client.body)).toMatchObject({ statusCode: 503, requestId: result.lambda.requestId });
    expect(result.client.atMs).toBeLessThan(1_500);
    expect(result.budgets.statementTimeoutMs).toBeGreaterThan(1_000);
    expect(result.budgets.statementTimeoutMs).toBeLessThan(1_500);
    expect(result.server.queryRunningWhenClientAnswered).toBe(false);
  });

  it("fixed, but a Lambda timeout longer than the gateway's: the client gets 504 while the function works on", async () => {
    const result = await runBudget({
      databaseUrl,
      variant: 'fixed',
      door: { door: 'rest', integrationTimeoutMs: 800 },
      lambdaTimeoutMs: 2_000,
      queryMs: 1_200,
    });
    expect(result.verdict).toBe('gateway-timeout');
    expect(result.client).toMatchObject({ statusCode: 504, answeredBy: 'gateway-timeout' });
    expect(result.lambda.status).toBe('ok');
  });
});
