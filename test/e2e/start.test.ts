// `npm start` end to end: what it prints, the busy-port fallback, and that stopping it (SIGTERM
// or Ctrl-C) leaves no PostgreSQL and no container process behind.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive, pgrep, until } from '../support/processes.ts';
import { describe, expect, inject, it } from 'vitest';
import { pgPaths, postmasterPid } from '../../lab/db/cluster.ts';
import { clusterNameFor } from '../../lab/db/embedded-postgres.ts';
import { readOwner } from '../../lab/db/owner-lock.ts';
import { siteState } from '../../lab/server/site-build.ts';
import { connect, openTerminal } from '../server/helpers.ts';
import { spawnStart } from '../server/spawn-start.ts';

const PG_HOME = resolve(import.meta.dirname, '../../.lab/pg-test-start');

describe('npm start', () => {
  // SIGTERM as a process manager sends it; SIGINT as Ctrl-C in a terminal: to the whole group.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server, every container and its PostgreSQL on ${signal}`, async () => {
      // Its own embedded PostgreSQL (not the test run's), so stopping it can be checked.
      const lab = await spawnStart(
        ['--port', '0', '--no-site-build'],
        { DATABASE_URL: '', LAB_PG_HOME: PG_HOME },
        { groupSignals: signal === 'SIGINT' },
      );
      const paths = pgPaths(PG_HOME);
      expect(readOwner(paths.lock)?.pid).toBe(lab.child.pid);
      const state = { clusterName: clusterNameFor(PG_HOME), postmasterPid: postmasterPid(paths)! };
      expect(lab.stdout()).toMatch(/PostgreSQL 18\.\d+ on 127\.0\.0\.1:\d+/);
      expect(lab.stdout()).toContain('function boundary-lab: 512 MB, 3 s timeout, reserved concurrency 10');

      const client = await connect(lab);
      await openTerminal(client);
      client.type('invoke health --concurrency 3\r');
      await client.waitForOutput(/(COLD[\s\S]*){3}lab> /, 30_000);
      client.type('containers --json\r');
      const out = await client.waitForOutput(/\[\{"containerId[^\n]*\]/);
      const containers = JSON.parse(/\[\{"containerId[^\n]*\]/.exec(out)![0]) as Array<{ pid: number }>;
      expect(containers).toHaveLength(3);
      expect(pgrep(state.clusterName).length).toBeGreaterThan(0);

      const ended = await lab.stop(signal);
      expect(ended.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(lab.stdout()).toContain('lab stopped: server closed, containers ended, PostgreSQL stopped.');
      expect(await until(() => !alive(state.postmasterPid))).toBe(true);
      for (const c of containers) expect(alive(c.pid), `container ${c.pid}`).toBe(false);
      expect(pgrep(state.clusterName)).toEqual([]);
      expect(pgrep(`${PG_HOME}/`)).toEqual([]);
      await client.closed;
    }, 60_000);
  }

  it('says a busy port is busy and takes the next free one', async () => {
    const blocker = createServer();
    const busy = await new Promise<number>((ok) =>
      blocker.listen(0, '127.0.0.1', () => ok((blocker.address() as { port: number }).port)),
    );
    try {
      const lab = await spawnStart(['--port', String(busy), '--no-site-build'], {
        DATABASE_URL: inject('databaseUrl'),
      });
      const notice = `port ${busy} is in use (another lab, or another app): trying ${busy + 1}`;
      expect(await until(() => lab.stderr().includes(notice)), lab.stderr()).toBe(true);
      expect(lab.port).toBeGreaterThan(busy);
      expect(lab.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${lab.port}/01-why-lambda/\\?token=`));
      await lab.stop('SIGTERM');
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('knows when dist/ must be built: missing, or older than content/ or src/', () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-site-'));
    try {
      mkdirSync(join(root, 'content'), { recursive: true });
      mkdirSync(join(root, 'src/components'), { recursive: true });
      writeFileSync(join(root, 'content', 'a.mdx'), 'x');
      writeFileSync(join(root, 'src/components', 'B.astro'), 'x');
      expect(siteState(root, join(root, 'dist'))).toEqual({ stale: true, reason: 'dist/ is missing' });
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'dist', 'index.html'), '<html>');
      const past = new Date(Date.now() - 60_000);
      utimesSync(join(root, 'content', 'a.mdx'), past, past);
      utimesSync(join(root, 'src/components', 'B.astro'), past, past);
      expect(siteState(root, join(root, 'dist')).stale).toBe(false);
      writeFileSync(join(root, 'src/components', 'B.astro'), 'changed');
      const future = new Date(Date.now() + 5_000);
      utimesSync(join(root, 'src/components', 'B.astro'), future, future);
      expect(siteState(root, join(root, 'dist'))).toEqual({ stale: true, reason: 'src/ changed since the last build' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
