import { describe, expect, inject, it } from 'vitest';
import { runBudget } from '../../lab/scenarios/budget.ts';

const databaseUrl = inject('databaseUrl');

describe('lab budget', () => {
  it('buggy: a 5 s statement_timeout outlives a 1.5 s Lambda: the container is killed, the REST client gets 502, the query runs on', async () => {
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

  it("fixed, but a Lambda timeout longer than REST's: its client gets 504 while the function works on", async () => {
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

  // The same buggy run through each door: the killed container is a different answer for each
  // client (lab/front-doors, every row citing its source).
  it.each([
    ['http', 500, '{"message":"Internal Server Error"}'], // http-api-troubleshooting-lambda.html
    ['url', 502, 'Internal Server Error'], // observed: awsdocs/aws-lambda-developer-guide#430
  ] as const)('buggy through --front-door %s: the killed container is a %i', async (door, status, body) => {
    const result = await runBudget({
      databaseUrl,
      variant: 'buggy',
      door: door === 'http' ? { door, payload: '2.0', integrationTimeoutMs: 2_500 } : { door },
      lambdaTimeoutMs: 1_500,
      queryMs: 2_200,
    });
    expect(result.verdict).toBe('lambda-timeout');
    expect(result.client).toMatchObject({ door, statusCode: status, body, answeredBy: 'function-error' });
    expect(result.budgets.gatewayTimeoutMs).toBe(door === 'http' ? 2_500 : null);
  });

  it("fixed through an HTTP API: the function's own 503 reaches the client as it is", async () => {
    const result = await runBudget({
      databaseUrl,
      variant: 'fixed',
      door: { door: 'http', payload: '2.0', integrationTimeoutMs: 2_500 },
      lambdaTimeoutMs: 1_500,
      queryMs: 2_200,
    });
    expect(result.client).toMatchObject({
      door: 'http',
      doorLabel: 'HTTP API',
      statusCode: 503,
      answeredBy: 'function',
    });
    expect(JSON.parse(result.client.body)).toMatchObject({ statusCode: 503, requestId: result.lambda.requestId });
  });

  it('an HTTP API\'s own timeout is 503 {"message":"Service Unavailable"} (observed: anomalyco/sst#2232), not REST\'s 504', async () => {
    const result = await runBudget({
      databaseUrl,
      variant: 'fixed',
      door: { door: 'http', payload: '2.0', integrationTimeoutMs: 800 },
      lambdaTimeoutMs: 2_000,
      queryMs: 1_200,
    });
    expect(result.verdict).toBe('gateway-timeout');
    expect(result.client).toMatchObject({
      statusCode: 503,
      body: '{"message":"Service Unavailable"}',
      answeredBy: 'gateway-timeout',
    });
  });
});
