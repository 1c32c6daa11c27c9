// A terminal session is the lab REPL over the socket: history, completion, Ctrl-C, resize.
import { describe, expect, it } from 'vitest';
import { connect, openTerminal, useTestLab } from './helpers.ts';

const lab = useTestLab();

describe('a terminal session', () => {
  it('greets with "lab ready" and a prompt', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    expect(client.output()).toMatch(/^lab ready/);
    expect(client.messages.map((m) => m.type)).toContain('ready');
    client.socket.close();
  });

  it('cancels a running command on Ctrl-C and gives the prompt back', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    client.type('invoke reports-slow --repeat 50\r');
    await client.waitForOutput(/REPORT RequestId/, 30_000);
    const began = Date.now();
    client.type('\u0003');
    await client.waitForOutput(/\^C cancelled[\s\S]*lab> /, 5_000);
    expect(Date.now() - began).toBeLessThan(2_000);
    const reports = client.output().match(/REPORT RequestId/g)!.length;
    expect(reports).toBeLessThan(50);
    client.socket.close();
  });

  it('completes command names with Tab and recalls history with the up arrow', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    client.type('even\t');
    await client.waitForOutput(/lab> events/);
    client.type('\r');
    await client.waitForOutput(/apigw-v2-get/);
    const before = client.output().length;
    client.type('\u001b[A');
    await client.waitFor((c) => c.output().slice(before).includes('events'));
    client.socket.close();
  });

  it('shares the history between sessions, as a learner moves from lesson to lesson', async () => {
    const first = await connect(lab().server);
    await openTerminal(first);
    first.type('containers\r');
    await first.waitForOutput(/(execution environments|container)[\s\S]*lab> [\s\S]*$/);
    first.socket.close();
    await first.closed;
    const second = await connect(lab().server);
    await openTerminal(second);
    const before = second.output().length;
    second.type('\u001b[A');
    await second.waitFor((c) => c.output().slice(before).includes('containers'));
    second.socket.close();
  });

  it('ends the REPL on "exit" and starts another on "open"', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    client.type('exit\r');
    await client.waitFor((c) => c.messages.some((m) => m.type === 'exit'));
    client.send({ type: 'open', cols: 100, rows: 20 });
    await client.waitFor((c) => c.messages.filter((m) => m.type === 'ready').length === 2);
    client.socket.close();
  });
});
