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
    expect(`${result.afterThaw.errorMessage} ${result.afterThaw.logs.join(' ')}`).toMatch(
      /idle-session timeout|Connection terminated/,
    );
  });

  it('fixed: the pool drops the dead connection and the thawed call answers on a new one', async () => {
    const result = await runIdle({ databaseUrl, variant: 'fixed', idleSessionTimeoutMs: 500, frozenMs: 900 });
    expect(result.verdict).toBe('ok');
    expect(result.serverClosedSessionAtMs).not.toBeNull();
    expect(result.afterThaw).toMatchObject({
      status: 'ok',
      statusCode: 200,
      coldStart: false,
      containerId: result.first.containerId,
    });
  });

  // Real sockets on a real scheduler: on a loaded machine (CI's two cores under every other test
  // file) one run can miss the proxy's timing window. Three misses in a row still fail.
  describe('--drop network: a NAT-like proxy forgets the idle connection silently', { retry: 2 }, () => {
    it('buggy: nothing arrives on the thaw, the query is answered with a RST and the call fails with 500', async () => {
      const result = await runIdle({
        databaseUrl,
        variant: 'buggy',
        drop: 'network',
        networkIdleTimeoutMs: 300,
        frozenMs: 600,
      });
      expect(result).toMatchObject({ drop: 'network', idleSessionTimeoutMs: null, networkIdleTimeoutMs: 300 });
      expect(result.verdict).toBe('dead-connection');
      expect(result.first).toMatchObject({ status: 'ok', statusCode: 200 });
      expect(result.sessionsAfterFirstCall).toBe(1);
      expect(result.networkDroppedAtMs).toBeGreaterThanOrEqual(250);
      expect(result.networkDroppedAtMs).toBeLessThan(600);
      // The container survived (no crash: the query got the error, not the idle pool), and answered 500.
      expect(result.afterThaw).toMatchObject({
        status: 'ok',
        statusCode: 500,
        coldStart: false,
        containerId: result.first.containerId,
      });
      expect(result.afterThaw.logs.join('\n')).toMatch(/ECONNRESET|Connection terminated unexpectedly/);
      expect(result.networkResets).toBe(1);
      expect(result.networkConnections).toBe(1);
    });

    it('fixed: the pool lets the old connection go on the thaw and the call answers on a new one', async () => {
      const result = await runIdle({
        databaseUrl,
        variant: 'fixed',
        drop: 'network',
        networkIdleTimeoutMs: 300,
        frozenMs: 600,
      });
      expect(result.verdict).toBe('ok');
      expect(result.networkDroppedAtMs).not.toBeNull();
      expect(result.afterThaw).toMatchObject({
        status: 'ok',
        statusCode: 200,
        coldStart: false,
        containerId: result.first.containerId,
      });
      expect(result.networkConnections).toBe(2);
    });

    it('fixed, network timeout < freeze < pool idle timeout: the query hits the dead connection and the one retry saves it', async () => {
      const result = await runIdle({
        databaseUrl,
        variant: 'fixed',
        drop: 'network',
        networkIdleTimeoutMs: 150,
        frozenMs: 350,
      });
      expect(result.verdict).toBe('ok');
      expect(result.afterThaw).toMatchObject({ status: 'ok', statusCode: 200, coldStart: false });
      expect(result.afterThaw.logs.join('\n')).toMatch(/retrying once.*(ECONNRESET|Connection terminated)/);
      expect(result.networkResets).toBe(1);
      expect(result.networkConnections).toBe(2);
    });
  });
});
