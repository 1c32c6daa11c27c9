// A terminal session is the lab REPL over the socket: history, completion, Ctrl-C, the queue, resize.
import { describe, expect, it } from 'vitest';
import { connect, get, openTerminal, useTestLab } from './helpers.ts';

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

  it("keeps a tab's history: it comes with 'open' and goes back to the page as it changes", async () => {
    const first = await connect(lab().server);
    await openTerminal(first);
    first.type('containers\r');
    await first.waitFor((c) => c.messages.some((m) => m.type === 'history' && m.lines[0] === 'containers'));
    const saved = first.messages.findLast((m) => m.type === 'history');
    first.socket.close();
    await first.closed;
    // The next page of the same tab sends what the last one was told.
    const second = await connect(lab().server);
    second.send({ type: 'open', cols: 120, rows: 30, history: saved?.type === 'history' ? saved.lines : [] });
    await second.waitForOutput(/lab> /);
    const before = second.output().length;
    second.type('\u001b[A');
    await second.waitFor((c) => c.output().slice(before).includes('containers'));
    second.socket.close();
    // Another tab starts with its own, empty history.
    const other = await connect(lab().server);
    await openTerminal(other);
    const start = other.output().length;
    other.type('\u001b[A');
    await new Promise((r) => setTimeout(r, 200));
    expect(other.output().slice(start)).not.toContain('containers');
    other.socket.close();
  });

  it('queues a suggested command clicked while another runs, and runs it after the first one ends', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    client.type('invoke reports-slow --repeat 3\r');
    await client.waitForOutput(/REPORT RequestId/, 30_000);
    // What the page sends for a click: Ctrl-E, Ctrl-U, the line, Enter.
    client.type('\u0005\u0015events\r');
    await client.waitForOutput(/queued: events \(runs when `invoke reports-slow --repeat 3` ends; Ctrl-C cancels\)/);
    const out = await client.waitForOutput(/lab> events\r?\n[\s\S]*apigw-v2-get[\s\S]*lab> $/, 30_000);
    const queuedAt = out.lastIndexOf('lab> events');
    expect(out.slice(0, queuedAt).match(/REPORT RequestId/g)).toHaveLength(3);
    expect(out.slice(queuedAt)).not.toContain('REPORT RequestId');
    client.socket.close();
  });

  it("answers a plain GET of its WebSocket path with whether a token is this launch's", async () => {
    const { port, token } = lab().server;
    const ask = async (query: string) => JSON.parse((await get(port, `/lab/ws${query}`)).body) as { token: string };
    expect(await ask(`?token=${token}`)).toEqual({ token: 'current' });
    expect(await ask('?token=from-an-earlier-launch')).toEqual({ token: 'old' });
    expect(await ask('')).toEqual({ token: 'missing' });
    expect((await get(port, '/lab/ws', 'evil.example:80')).status).toBe(421);
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
