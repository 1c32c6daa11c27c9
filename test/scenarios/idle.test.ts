import { describe, expect, inject, it } from 'vitest';
import { runIdle } from '../../lab/scenarios/idle.ts';

const databaseUrl = inject('databaseUrl');

describe('lab idle', () => {
  it('buggy: the server closes the idle session during the freeze and the thawed container fails on it', async () => {
    const result = await runIdle({ databaseUrl, variant: 'buggy', idleSessionTimeoutMs: 500, frozenMs: 900 });
    expect(result.verdict).toBe('dead-connection');
    expect(result.first).toMatchObject({ status: 'ok', statusCode: 200 });
    expect(result.sessionsAfterFirstCall).toBe(1);
    expect(result.serverClosedSessionAtMs).toBeGreaterThanOrEqual(400);
    expect(result.afterThaw.containerId).toBe(result.first.containerId);
    expect(result.afterThaw.status).not.toBe('ok');
    expect(`${result.afterThaw.errorMessage} ${result.afterThaw.logs.join(' ')}`).toMatch(/idle-session timeout|Connection terminated/);
  });

  it('fixed: the pool drops the dead connection and the thawed call answers on a new one', async () => {
    const result = await runIdle({ databaseUrl, variant: 'fixed', idleSessionTimeoutMs: 500, frozenMs: 900 });
    expect(result.verdict).toBe('ok');
    expect(result.serverClosedSessionAtMs).not.toBeNull();
    expect(result.afterThaw).toMatchObject({ status: 'ok', statusCode: 200, coldStart: false, containerId: result.first.containerId });
  });
});
