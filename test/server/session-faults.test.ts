// What a page's terminal can do to the lab, tried against `npm start` in its own process (a
// crash there is the learner's lab gone, which the test process could not see): after each
// fault a bystander session must still get its answer.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_LINE_CHARS } from '../../lab/cli/repl.ts';
import { connect, openTerminal, type TestClient } from './helpers.ts';
import { spawnStart, type StartedLab } from './spawn-start.ts';

let lab: StartedLab;

beforeAll(async () => {
  lab = await spawnStart(['--port', '0', '--no-site-build'], { DATABASE_URL: inject('databaseUrl') });
}, 60_000);

afterAll(async () => {
  // A stopped (SIGTSTP) lab would ignore SIGTERM until continued.
  if (lab?.child.pid && lab.child.exitCode === null) process.kill(lab.child.pid, 'SIGCONT');
  await lab?.stop('SIGTERM');
});

/** The lab still runs commands for another page, and its process is alive. */
async function bystanderAnswers(): Promise<void> {
  const bystander = await connect(lab);
  await openTerminal(bystander);
  bystander.type('events\r');
  await bystander.waitForOutput(/apigw-v2-get[\s\S]*lab> /, 10_000);
  bystander.socket.close();
  expect(lab.child.exitCode).toBeNull();
}

/** A session in the middle of a command that ends by itself in about two seconds. */
async function busySession(): Promise<TestClient> {
  const client = await connect(lab);
  await openTerminal(client);
  client.type('invoke reports-slow --repeat 8\r');
  await client.waitForOutput(/REPORT RequestId/, 30_000);
  return client;
}

describe('a page cannot take the lab down', () => {
  it('survives a page that closes while its command runs (leaving the lesson)', async () => {
    const client = await busySession();
    client.socket.close();
    await client.closed;
    // The command's end is what used to crash the lab: give it time to end.
    await new Promise((r) => setTimeout(r, 4_000));
    await bystanderAnswers();
  }, 60_000);

  it('survives Ctrl-D while a command runs, and ends that REPL only', async () => {
    const client = await busySession();
    client.type('\u0004');
    await client.waitFor((c) => c.messages.some((m) => m.type === 'exit'), 5_000);
    await new Promise((r) => setTimeout(r, 4_000));
    await bystanderAnswers();
    client.socket.close();
  }, 60_000);

  it('ignores Ctrl-Z (no job control in a page: the lab is never suspended)', async () => {
    const client = await connect(lab);
    await openTerminal(client);
    client.type('\u001a');
    await client.waitForOutput(/\^Z/, 5_000);
    await bystanderAnswers();
    client.type('events\r');
    await client.waitForOutput(/apigw-v2-get/, 10_000);
    client.socket.close();
  }, 30_000);

  it('refuses a line longer than the cap with one clear line, however many messages it spans', async () => {
    const client = await connect(lab);
    await openTerminal(client);
    const chunk = 'x'.repeat(60_000);
    // ~3.6 M characters: shell-quote's stack overflowed at ~3.3 M.
    for (let i = 0; i < 60; i++) client.type(chunk);
    client.type('\r');
    await client.waitForOutput(new RegExp(`longer than ${MAX_LINE_CHARS} characters`), 20_000);
    await bystanderAnswers();
    client.type('events\r');
    await client.waitForOutput(/apigw-v2-get[\s\S]*lab> /, 10_000);
    client.socket.close();
  }, 60_000);
});
