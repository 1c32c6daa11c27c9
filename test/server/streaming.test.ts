// Output streams: a scenario's steps reach the page terminal, and a shell through the lab
// service, as they happen, not all at once when the command ends (`retry` takes ~8 s).
// And the page terminal's width reaches the command: `map` in a 40-column session fits 40.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labRunDir } from '../support/lab-runs.ts';
import { widerThan } from '../support/visible-width.ts';
import { connect, useTestLab } from './helpers.ts';

const lab = useTestLab();
const BIN = fileURLToPath(new URL('../../bin/lab.mjs', import.meta.url));

describe('a command in the page terminal', () => {
  it("prints retry's first step seconds before the command ends", async () => {
    const client = await connect(lab().server);
    client.send({ type: 'open', cols: 100, rows: 30 });
    await client.waitForOutput(/lab> /);
    const sentAt = Date.now();
    client.type('retry --variant buggy\r');
    await client.waitForOutput(/client attempt 1: HTTP \d+ after \d+ ms/, 60_000);
    const firstStepAt = Date.now();
    await client.waitForOutput(/verdict: duplicate-order[\s\S]*lab> /, 60_000);
    const endedAt = Date.now();
    // The first attempt is answered at the gateway timeout (500 ms); the rest takes seconds more.
    expect(endedAt - firstStepAt).toBeGreaterThan(2_000);
    expect(firstStepAt - sentAt).toBeLessThan(endedAt - sentAt - 2_000);
    client.socket.close();
  }, 120_000);

  it('lays map out for the columns the page terminal reported, and for the new ones after a resize', async () => {
    const client = await connect(lab().server);
    client.send({ type: 'open', cols: 40, rows: 30 });
    await client.waitForOutput(/lab> /);
    // The greeting folds to the 40 columns too.
    expect(widerThan(client.output().replaceAll('\r', ''), 40)).toEqual([]);
    expect(client.output()).toMatch(/^lab ready/);
    let before = client.output().length;
    client.type('map apigw-v2-named-stage\r');
    await client.waitForOutput(/losses with the lab handler[\s\S]*lab> /, 60_000);
    const narrow = client.output().slice(before);
    expect(widerThan(narrow.replaceAll('\r', ''), 40)).toEqual([]);
    client.send({ type: 'resize', cols: 120, rows: 30 });
    before = client.output().length;
    client.type('map apigw-v2-named-stage\r');
    await client.waitFor((c) => /losses with the lab handler[\s\S]*lab> /.test(c.output().slice(before)), 60_000);
    const wide = client.output().slice(before);
    // At 120 the map is a table again: a line wider than 40 holds both handlers' headings.
    expect(wide).toMatch(/defaults: Nest \/ client +lab handler: Nest \/ client/);
    client.socket.close();
  }, 120_000);
});

describe('a command from a shell, through the lab service', () => {
  it("streams retry's steps to the client's stdout as they happen", async () => {
    const child = spawn(process.execPath, [BIN, 'retry', '--variant', 'buggy'], {
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '72', LAB_IDLE_STOP_MS: '300000', LAB_RUN_DIR: labRunDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Array<{ at: number; text: string }> = [];
    child.stdout.on('data', (data: Buffer) => chunks.push({ at: Date.now(), text: data.toString() }));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const endedAt = Date.now();
    expect(code).toBe(0);
    const all = chunks.map((c) => c.text).join('');
    expect(all).toMatch(/verdict: duplicate-order/);
    expect(widerThan(all, 72)).toEqual([]);
    const firstStep = chunks.find((c) => /client attempt 1:/.test(c.text));
    expect(firstStep, all).toBeDefined();
    expect(endedAt - firstStep!.at).toBeGreaterThan(2_000);
  }, 180_000);
});
