import { describe, expect, inject, it } from 'vitest';
import { runLeak } from '../../lab/scenarios/leak.ts';

const databaseUrl = inject('databaseUrl');

describe('lab leak', () => {
  it('buggy: the singleton answers an anonymous caller as alice, overlapping callers get each other, stray work lands in the next call', async () => {
    const result = await runLeak({ databaseUrl, variant: 'buggy', costCalls: 0 });
    expect(result.verdict).toBe('leak');
    const [alice, anonymous] = result.onDemand;
    expect(alice).toMatchObject({ leaked: false, answered: { user: 'alice' } });
    expect(anonymous).toMatchObject({ leaked: true, sent: { user: null }, answered: { user: 'alice' } });
    expect(anonymous!.containerId).toBe(alice!.containerId);
    // Two requests in one environment: at least one is answered with the other's user.
    expect(result.managedInstances.some((c) => c.leaked && c.answered?.user !== c.sent.user)).toBe(true);
    // The audit alice's call fired and forgot ran inside the anonymous call, after the thaw.
    expect(result.strayWork).toContainEqual({
      startedBy: alice!.sent.awsRequestId,
      ranDuring: anonymous!.sent.awsRequestId,
      message: 'audit: visit recorded',
    });
  });

  it('fixed: every answer carries its own caller and request ids, and no work outlives its invocation', async () => {
    const result = await runLeak({ databaseUrl, variant: 'fixed', costCalls: 5 });
    expect(result.verdict).toBe('ok');
    for (const check of [...result.onDemand, ...result.managedInstances]) {
      expect(check.answered).toEqual({
        user: check.sent.user,
        awsRequestId: check.sent.awsRequestId,
        apiRequestId: check.sent.apiRequestId,
      });
    }
    expect(result.strayWork).toEqual([]);
    expect(result.requestScopeCost).toMatchObject({ warmCalls: 5 });
    expect(result.requestScopeCost!.singletonMedianMs).toBeGreaterThan(0);
    expect(result.requestScopeCost!.requestScopedMedianMs).toBeGreaterThan(0);
  });
});
