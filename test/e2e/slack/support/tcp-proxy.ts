/**
 * A TCP proxy on loopback in front of a real server (Redis), that a test can take down and bring
 * back: down, it cuts every open connection and resets each new one, as a Redis that crashed or a
 * network that broke would; up, it forwards again. Its port never changes, so clients reconnect to
 * the same URL, exactly as they would to a restarted Redis.
 */
import { type AddressInfo, createServer, Socket } from 'node:net';

export interface TcpProxy {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** Cuts every connection and resets new ones until `up`. */
  down(): void;
  /** Forwards new connections again. */
  up(): void;
  /** Connections accepted while up (a client that reconnects makes more). */
  accepted(): number;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port that forwards to `target` (host 127.0.0.1). */
export async function startTcpProxy(target: { port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isUp = true;
  let accepted = 0;

  const cut = (socket: Socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server = createServer((client) => {
    if (!isUp) {
      cut(client);
      return;
    }
    accepted += 1;
    const upstream = new Socket();
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      cut(client);
      cut(upstream);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    upstream.connect(target.port, '127.0.0.1', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `redis://127.0.0.1:${port}`,
    down() {
      isUp = false;
      for (const socket of open) cut(socket);
      open.clear();
    },
    up() {
      isUp = true;
    },
    accepted: () => accepted,
    async close() {
      isUp = false;
      for (const socket of open) cut(socket);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
