import { describe, expect, inject, it } from 'vitest';
import { runRetry } from '../../lab/scenarios/retry.ts';
import { findInvocations } from '../../lab/scenarios/log-store.ts';
import { runLab } from '../cli/run-lab.ts';

const databaseUrl = inject('databaseUrl');

// 60 s each: every Lambda retry after a timeout re-runs Nest's init inside its 3 s budget
// (suppressed init, AWS docs lambda-runtime-environment.html), so the run is longer than it was.
// Gateway and function timeouts measured on a real scheduler: a loaded machine can push one run
// past a timeout it means to beat. Three misses in a row still fail.
describe('lab retry', { retry: 2 }, () => {
  it("buggy: an in-memory Map per container lets client retries and Lambda's async retries write the order again", async () => {
    const result = await runRetry({ databaseUrl, variant: 'buggy' });
    expect(result.verdict).toBe('duplicate-order');
    // The sample POST /orders is an HTTP API event: its own timeout answers 503 (observed: anomalyco/sst#2232).
    expect(result.frontDoor).toEqual({ door: 'http', label: 'HTTP API', gatewayTimeoutMs: 500 });
    expect(result.clientRetry.attempts[0]).toMatchObject({
      statusCode: 503,
      clientBody: '{"message":"Service Unavailable"}',
    });
    expect(result.clientRetry.orders).toBeGreaterThan(1);
    expect(result.doubleSubmit.orders).toBe(2);
    // Lambda's retries keep the request id; each lands in a new container (the last one was killed).
    const attempts = result.asyncRetry.attempts;
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.awsRequestId)).size).toBe(1);
    expect(attempts.every((a) => a.invocationStatus === 'timeout')).toBe(true);
    expect(result.asyncRetry.orders).toBe(3);
    expect(result.idempotencyRecords).toEqual([]);
  }, 60_000);

  it('fixed: the idempotency table gives one order per key, 409 to a concurrent duplicate, the stored answer to a retry, 422 to another body', async () => {
    const result = await runRetry({ databaseUrl, variant: 'fixed' });
    expect(result.verdict).toBe('ok');
    expect(result.clientRetry.orders).toBe(1);
    // A double submit: one request places the order, the concurrent duplicate gets 409.
    expect(result.doubleSubmit.attempts.map((a) => a.functionStatusCode).sort()).toEqual([201, 409]);
    expect(result.doubleSubmit.orders).toBe(1);
    expect(result.asyncRetry.orders).toBe(1);
    const asyncAttempts = result.asyncRetry.attempts;
    expect(asyncAttempts.at(-1)).toMatchObject({
      invocationStatus: 'ok',
      functionStatusCode: 201,
      awsRequestId: asyncAttempts[0]!.awsRequestId,
    });
    const answered = result.clientRetry.attempts.at(-1)!;
    expect(answered.statusCode).toBe(201);
    expect(result.reusedKey.statusCode).toBe(422);
    expect(result.idempotencyRecords.map((r) => r.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);

    // Every attempt of the async invocation is one request id; its structured lines carry the key.
    const requestId = asyncAttempts[0]!.awsRequestId;
    const stored = await findInvocations(requestId);
    expect(stored.length).toBe(asyncAttempts.length);
    expect(
      stored
        .flatMap((s) => s.logs)
        .some(
          (l) =>
            l.includes(`"idempotencyKey":"${result.asyncRetry.idempotencyKey}"`) &&
            l.includes(`"awsRequestId":"${requestId}"`),
        ),
    ).toBe(true);

    const shown = await runLab(['logs', '--request', requestId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`START RequestId: ${requestId}`);
    expect(shown.stdout).toContain('idempotent replay');
  }, 60_000);
});
