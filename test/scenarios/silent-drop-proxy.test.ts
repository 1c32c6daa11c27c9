import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSilentDropProxy, type SilentDropProxy } from '../../lab/scenarios/silent-drop-proxy.ts';

/** An echo server standing in for PostgreSQL; it records when the proxy closes its side. */
async function echoServer() {
  const closedAt: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      closedAt.push(performance.now());
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    closedAt,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function connect(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  const seen = { data: '', ended: false, error: null as NodeJS.ErrnoException | null, closed: false };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (seen.data += chunk));
  socket.on('end', () => (seen.ended = true));
  socket.on('error', (error) => (seen.error = error));
  socket.on('close', () => (seen.closed = true));
  return { socket, seen, ready: new Promise<void>((resolve) => socket.once('connect', () => resolve())) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 2_000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(5);
  }
}

describe('silent-drop proxy', () => {
  let upstream: Awaited<ReturnType<typeof echoServer>> | undefined;
  let proxy: SilentDropProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await upstream?.close();
    proxy = upstream = undefined;
  });

  it('forgets an idle connection without a FIN, closes upstream, and answers the next write with a RST', async () => {
    upstream = await echoServer();
    proxy = await startSilentDropProxy({ targetHost: '127.0.0.1', targetPort: upstream.port, idleTimeoutMs: 150 });
    expect(proxy.host).toBe('127.0.0.1');
    const { socket, seen, ready } = connect(proxy.port);
    await ready;
    socket.write('ping');
    await until(() => seen.data === 'ping');

    // Idle past the timeout: the upstream side is closed, the client hears nothing.
    await until(() => upstream!.closedAt.length === 1);
    await sleep(100);
    expect(proxy.drops).toHaveLength(1);
    expect(seen).toMatchObject({ ended: false, closed: false, error: null });

    socket.write('hello?');
    await until(() => seen.closed);
    expect(seen.error?.code).toBe('ECONNRESET');
    expect(seen.ended).toBe(false);
    expect(seen.data).toBe('ping');
    expect(proxy.drops[0]!.resetAt).toBeGreaterThan(proxy.drops[0]!.droppedAt);
  });

  it('keeps an active connection alive well past the idle timeout', async () => {
    upstream = await echoServer();
    proxy = await startSilentDropProxy({ targetHost: '127.0.0.1', targetPort: upstream.port, idleTimeoutMs: 150 });
    const { socket, seen, ready } = connect(proxy.port);
    await ready;
    for (let i = 0; i < 8; i++) {
      socket.write(`${i}`);
      await until(() => seen.data.endsWith(`${i}`));
      await sleep(60);
    }
    expect(seen.data).toBe('01234567');
    expect(proxy.drops).toHaveLength(0);
    expect(upstream.closedAt).toHaveLength(0);
    expect(seen.error).toBeNull();
    socket.destroy();
  });

  it('close() ends every connection and stops listening', async () => {
    upstream = await echoServer();
    proxy = await startSilentDropProxy({ targetHost: '127.0.0.1', targetPort: upstream.port, idleTimeoutMs: 10_000 });
    const { port } = proxy;
    const { seen, ready } = connect(port);
    await ready;
    await proxy.close();
    proxy = undefined;
    await until(() => seen.closed && upstream!.closedAt.length === 1);
    const again = connect(port);
    await until(() => again.seen.closed);
    expect(again.seen.error?.code).toBe('ECONNREFUSED');
  });
});
