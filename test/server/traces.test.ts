// Every invocation reaches every page: those typed in any terminal session of the server, and
// those of `npx lab …` in another shell (a client of the same lab: lab/service/).
import { describe, expect, inject, it } from 'vitest';
import type { LabTrace } from '../../lab/server/protocol.ts';
import { runLab } from '../cli/run-lab.ts';
import { connect, openTerminal, useTestLab, type TestClient } from './helpers.ts';
import { spawnStart } from './spawn-start.ts';

const lab = useTestLab();

const traces = (client: TestClient): LabTrace[] =>
  client.messages.flatMap((m) => (m.type === 'trace' ? [m.trace] : []));

describe('trace broadcast', () => {
  it('sends every page the start and the trace of an invocation typed in another page', async () => {
    const watcher = await connect(lab().server);
    const typist = await connect(lab().server);
    await openTerminal(typist);
    typist.type('invoke apigw-v2-get --repeat 2\r');
    await watcher.waitFor((c) => traces(c).length === 2, 30_000);
    const [cold, warm] = traces(watcher);
    expect(cold).toMatchObject({
      coldStart: true,
      status: 'ok',
      timeoutMs: 3000,
      memorySizeMb: 512,
      origin: 'terminal',
    });
    expect(cold!.initDurationMs).toBeGreaterThan(0);
    expect(cold!.spans.map((s) => s.name)).toEqual(
      expect.arrayContaining(['init', 'init:bundle-load', 'init:nest-bootstrap', 'adapter:request']),
    );
    expect(warm).toMatchObject({ coldStart: false, initDurationMs: null, containerId: cold!.containerId });
    // Both calls belong to the one command typed: the page's timeline keeps them as one group.
    expect(cold!.suppressedInit).toBe(false);
    expect(cold!.command).toMatchObject({ line: 'invoke apigw-v2-get --repeat 2' });
    expect(warm!.command).toEqual(cold!.command);
    expect(warm!.spans.map((s) => s.name)).not.toContain('init');
    const starts = watcher.messages.filter((m) => m.type === 'invoke-start');
    expect(starts).toHaveLength(2);
    expect(watcher.messages.findIndex((m) => m.type === 'invoke-start')).toBeLessThan(
      watcher.messages.findIndex((m) => m.type === 'trace'),
    );
    // The typist's page gets the same traces as every other page.
    await typist.waitFor((c) => traces(c).length === 2);
    // The next command is another group, numbered after the first.
    typist.type('invoke health\r');
    await watcher.waitFor((c) => traces(c).length === 3, 30_000);
    const next = traces(watcher)[2]!;
    expect(next.command?.line).toBe('invoke health');
    expect(next.command!.id).toBeGreaterThan(cold!.command!.id);
    watcher.socket.close();
    typist.socket.close();
  });

  it('sends the pages of `npm start` the invocations of `npx lab` in another shell, warm in the same lab', async () => {
    const env = { DATABASE_URL: inject('databaseUrl') };
    const started = await spawnStart(['--port', '0', '--no-site-build'], env);
    const watcher = await connect(started);
    const run = await runLab(['invoke', 'health', '--repeat', '2', '--json'], { env, runDir: started.runDir });
    expect(run.code, run.stderr).toBe(0);
    await watcher.waitFor((c) => traces(c).length === 2, 10_000);
    const ids = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { requestId: string }).requestId);
    expect(traces(watcher).map((trace) => trace.requestId)).toEqual(ids);
    expect(traces(watcher).every((trace) => trace.origin === 'shell')).toBe(true);
    // The page warmed nothing yet, so the shell's first call is cold and its second is warm.
    expect(traces(watcher).map((t) => t.coldStart)).toEqual([true, false]);
    const again = await runLab(['invoke', 'health', '--json'], { env, runDir: started.runDir });
    expect(JSON.parse(again.stdout)).toMatchObject({
      coldStart: false,
      containerId: ids.length && traces(watcher)[0]!.containerId,
    });
    watcher.socket.close();
    await started.stop('SIGTERM');
  }, 60_000);
});
