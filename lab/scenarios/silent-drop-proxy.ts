import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SilentDropProxyOptions {
  /** Where the proxy forwards to (the lab's PostgreSQL). */
  targetHost: string;
  targetPort: number;
  /** A connection with no bytes either way for longer than this is forgotten, silently. */
  idleTimeoutMs: number;
}

/** What the proxy did to one connection it forgot. */
export interface SilentDrop {
  /** performance.now() when the proxy forgot the connection (closed upstream, told the client nothing). */
  droppedAt: number;
  /** performance.now() when the client's next write was answered with a RST, if it wrote again. */
  resetAt: number | null;
}

export interface SilentDropProxy {
  readonly host: string;
  readonly port: number;
  /** Every connection forgotten so far, in order. */
  readonly drops: readonly SilentDrop[];
  /** How many client connections the proxy has accepted. */
  readonly connections: number;
  /** The same URL, going through the proxy. */
  url(databaseUrl: string): string;
  /** Stops listening and destroys every connection, both sides. */
  close(): Promise<void>;
}

/**
 * A NAT gateway's idle timeout, in miniature: a TCP proxy on 127.0.0.1 (a random port) that
 * forwards bytes both ways. A connection idle for longer than `idleTimeoutMs` is forgotten: the
 * proxy closes its upstream socket, sends the client nothing (no FIN), and answers the client's
 * next write (or its own FIN) with a TCP RST, as a NAT does for a flow it no longer knows.
 * The idle clock runs in this process, so it keeps running while a Lambda container is frozen.
 */
export async function startSilentDropProxy(options: SilentDropProxyOptions): Promise<SilentDropProxy> {
  const { targetHost, targetPort, idleTimeoutMs } = options;
  const drops: SilentDrop[] = [];
  const open = new Set<net.Socket>();
  let connections = 0;

  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect({ host: targetHost, port: targetPort });
    open.add(client);
    open.add(upstream);
    let drop: SilentDrop | null = null;
    let timer: NodeJS.Timeout | null = null;

    const forget = () => {
      timer = null;
      if (drop || client.destroyed) return;
      drop = { droppedAt: performance.now(), resetAt: null };
      drops.push(drop);
      // The flow is gone from the table: the server side is closed, the client is told nothing.
      upstream.destroy();
    };
    const touch = () => {
      if (drop) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(forget, idleTimeoutMs);
      timer.unref();
    };
    const reset = () => {
      if (drop && drop.resetAt === null) drop.resetAt = performance.now();
      if (!client.destroyed) client.resetAndDestroy();
    };

    touch();
    client.on('data', (chunk) => {
      if (drop) return reset();
      touch();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (drop) return;
      touch();
      client.write(chunk);
    });
    client.on('end', () => {
      if (drop) return reset();
      upstream.end();
    });
    upstream.on('end', () => {
      if (!drop) client.end();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => {
      if (!drop) client.destroy();
    });
    client.on('close', () => {
      if (timer) clearTimeout(timer);
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => open.delete(upstream));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    drops,
    get connections() {
      return connections;
    },
    url(databaseUrl: string): string {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      open.clear();
      await closed;
    },
  };
}
