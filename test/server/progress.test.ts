// The learner's exercise progress reaches every page: on connect, and again whenever the
// progress file changes, whichever process wrote it (here the progress module itself, as
// `check` does; another process's write is the same file replaced by a rename).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';
import { recordCheck } from '../../lab/exercises-runner/progress.ts';
import type { ExerciseStatus, ServerMessage } from '../../lab/server/protocol.ts';
import { connect, startTestLab, type TestClient, type TestLab } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
// A folder that does not exist yet, as `.lab/` before the first check: the feed must still see it.
const progressFile = join(dir, 'not-yet', 'progress.json');
let t: TestLab;

beforeAll(async () => {
  // Never the developer's own .lab/progress.json.
  process.env.LAB_PROGRESS_PATH = progressFile;
  t = await startTestLab();
});

afterAll(async () => {
  await t?.close();
  delete process.env.LAB_PROGRESS_PATH;
  rmSync(dir, { recursive: true, force: true });
});

const progressMessages = (client: TestClient) =>
  client.messages.filter((m): m is Extract<ServerMessage, { type: 'progress' }> => m.type === 'progress');
const latest = (client: TestClient): ExerciseStatus[] => progressMessages(client).at(-1)?.exercises ?? [];
const statusOf = (client: TestClient, id: string) => latest(client).find((e) => e.id === id);

describe('progress feed', () => {
  it('sends every exercise of the manifest on connect, unchecked before any check', async () => {
    const client = await connect(t.server);
    await client.waitFor((c) => progressMessages(c).length === 1, 5_000);
    const manifest = loadManifest();
    expect(latest(client).map((e) => [e.id, e.lesson])).toEqual(manifest.map((e) => [e.id, e.lesson]));
    expect(latest(client).every((e) => e.status === 'unchecked' && e.passedAt === undefined)).toBe(true);
    client.socket.close();
  });

  it('tells every open page when a check fails, then passes, and remembers the first pass', async () => {
    const [id, other] = loadManifest().map((e) => e.id);
    const a = await connect(t.server);
    const b = await connect(t.server);
    await a.waitFor((c) => progressMessages(c).length === 1, 5_000);

    recordCheck(id!, false, 'the second call built Nest again');
    await a.waitFor((c) => statusOf(c, id!)?.status === 'failed', 5_000);
    await b.waitFor((c) => statusOf(c, id!)?.status === 'failed', 5_000);
    expect(statusOf(a, id!)!.passedAt).toBeUndefined();

    const passed = recordCheck(id!, true, null);
    await a.waitFor((c) => statusOf(c, id!)?.status === 'passed', 5_000);
    await b.waitFor((c) => statusOf(c, id!)?.status === 'passed', 5_000);
    expect(statusOf(a, id!)).toEqual({
      id,
      lesson: loadManifest()[0]!.lesson,
      status: 'passed',
      passedAt: passed.passedAt,
    });
    expect(statusOf(a, other!)!.status).toBe('unchecked');

    // A page that connects now gets the passed state at once.
    const late = await connect(t.server);
    await late.waitFor((c) => statusOf(c, id!)?.status === 'passed', 5_000);
    expect(progressMessages(late)).toHaveLength(1);

    // A later failure keeps the first pass: `solution NN` stays open.
    recordCheck(id!, false, 'broke it again');
    await a.waitFor((c) => statusOf(c, id!)?.status === 'failed', 5_000);
    expect(statusOf(a, id!)!.passedAt).toBe(passed.passedAt);
    for (const client of [a, b, late]) client.socket.close();
  });

  it('sends nothing for a write that changes nothing, and keeps the last state through a torn file', async () => {
    const client = await connect(t.server);
    await client.waitFor((c) => progressMessages(c).length === 1, 5_000);
    const before = progressMessages(client).length;
    // Another failing check of the same exercise: a new checkedAt, nothing the page shows.
    recordCheck(loadManifest()[0]!.id, false, 'still broken');
    writeFileSync(progressFile, '{ "version": 1, "exercises": {');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(progressMessages(client)).toHaveLength(before);
    expect(t.logs.join('\n')).not.toMatch(/error/i);
    client.socket.close();
  });
});
