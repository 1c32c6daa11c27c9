// Bounded fuzzing over what the lab accepts from outside: malformed event files through
// `invoke` (load, run, print), and malformed WebSocket frames through the lab server. The lab
// must answer each with a result or a one-line learner's error: 0 internal errors, no crash, and
// a bystander session answers afterwards. FUZZ_EVENTS, FUZZ_FRAMES, FUZZ_SECONDS and FUZZ_SEED
// make a longer run (the counts of one are in the report of issue 14).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../../lab/cli/program.ts';
import { connect, openTerminal, startTestLab, type TestClient, type TestLab } from '../server/helpers.ts';
import { malformedEvent, malformedFrame, seeded } from './generators.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 14);
const EVENTS = Number(process.env.FUZZ_EVENTS ?? 400);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000);
/** Each half stops early when its share of the time is spent: the whole file stays under 60 s. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);

let lab: TestLab;
let dir: string;

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  lab = await startTestLab({ maxSessions: 64 });
  dir = await mkdtemp(join(tmpdir(), 'lab-fuzz-'));
}, 60_000);

afterAll(async () => {
  await lab?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fuzz', () => {
  it(
    'malformed event files: each is a result or a one-line error, never an internal error',
    async () => {
      const random = seeded(SEED);
      const deadline = Date.now() + SECONDS * 1_000;
      const counts = { events: 0, ran: 0, refused: 0, internal: 0 };
      const internal: string[] = [];
      const file = join(dir, 'event.json');
      while (counts.events < EVENTS && Date.now() < deadline) {
        const text = malformedEvent(random);
        await writeFile(file, text);
        let out = '';
        const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), color: false, cwd: dir };
        const code = await runCommand(['invoke', file], io, lab.lab);
        counts.events++;
        if (code === 0) counts.ran++;
        else if (code === 2 && out.trim().split('\n').length === 1) counts.refused++;
        else {
          counts.internal++;
          if (internal.length < 5) internal.push(`${code}: ${out.slice(0, 300)}\n  event: ${text.slice(0, 300)}`);
        }
        // Nothing the lab printed about an event may be a terminal control sequence.
        expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      console.log(`fuzz events (seed ${SEED}): ${JSON.stringify(counts)}`);
      expect(internal).toEqual([]);
      expect(counts.ran).toBeGreaterThan(0);
      expect(counts.refused).toBeGreaterThan(0);
    },
    (SECONDS + 20) * 1_000,
  );

  it(
    'malformed WebSocket frames: each closes only its own session, and a bystander still answers',
    async () => {
      const random = seeded(SEED + 1);
      const deadline = Date.now() + SECONDS * 1_000;
      const bystander = await connect(lab.server);
      await openTerminal(bystander);
      const counts = { frames: 0, sessions: 0, closedByServer: 0, internal: 0 };
      while (counts.frames < FRAMES && Date.now() < deadline) {
        // Ten pages at a time, each sending frames until the server closes it or it has sent 30.
        const batch = await Promise.all(Array.from({ length: 10 }, () => connect(lab.server)));
        counts.sessions += batch.length;
        await Promise.all(batch.map((client) => fuzzSession(client, random, counts, deadline)));
      }
      console.log(`fuzz frames (seed ${SEED + 1}): ${JSON.stringify(counts)}`);
      bystander.type('events\r');
      await bystander.waitForOutput(/apigw-v2-get[\s\S]*lab> /, 10_000);
      bystander.socket.close();
      expect(counts.internal).toBe(0);
      expect(lab.logs.filter((line) => /error serving|internal error/.test(line))).toEqual([]);
    },
    (SECONDS + 30) * 1_000,
  );
});

async function fuzzSession(
  client: TestClient,
  random: () => number,
  counts: { frames: number; closedByServer: number; internal: number },
  deadline: number,
): Promise<void> {
  let closed = false;
  void client.closed.then(() => (closed = true));
  if (random() < 0.7) client.send({ type: 'open', cols: 80, rows: 24 });
  for (let i = 0; i < 30 && !closed && Date.now() < deadline; i++) {
    const frame = malformedFrame(random);
    if (client.socket.readyState !== client.socket.OPEN) break;
    client.socket.send(frame, { binary: Buffer.isBuffer(frame) });
    counts.frames++;
    await new Promise((r) => setTimeout(r, 2));
  }
  // Give the REPL a moment to answer what it was sent, then look for the lab failing.
  await new Promise((r) => setTimeout(r, 50));
  if (closed) counts.closedByServer++;
  if (/internal error/.test(client.output())) counts.internal++;
  client.socket.close();
  await client.closed;
}
