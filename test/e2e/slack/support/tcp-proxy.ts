/**
 * A TCP proxy on loopback in front of a real server (Redis), that a test can take down and bring
 * back: down, it cuts every open connection and resets each new one, as a Redis that crashed or a
 * network that broke would; up, it forwards again. Its port never changes, so clients reconnect to
 * the same URL, exactly as they would to a restarted Redis. It can also stall: connections stay
 * open but what clients send is held back (a Redis that hangs, a network that stops), until
 * `resume` delivers it all, in order.
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
  /**
   * Holds back what clients send from now on (or, with `when`, from the first chunk that contains
   * it: a command naming something), keeping every connection open.
   */
  stall(when?: string): void;
  /** Delivers what was held back, in order, and forwards again. */
  resume(): void;
  /** Whether data is being held back. */
  stalled(): boolean;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port that forwards to `target` (host 127.0.0.1). */
export async function startTcpProxy(target: { port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isUp = true;
  let accepted = 0;
  /** Stalling: everything (`true`), from a chunk containing a string, or nothing (`false`). */
  let stallMode: boolean | string = false;
  let holding = false;
  const held: { upstream: Socket; chunk: Buffer }[] = [];

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
      client.on('data', (chunk: Buffer) => {
        if (!holding && typeof stallMode === 'string' && chunk.includes(stallMode)) holding = true;
        if (holding || stallMode === true) held.push({ upstream, chunk });
        else upstream.write(chunk);
      });
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
    stall(when) {
      stallMode = when ?? true;
      holding = when === undefined;
    },
    resume() {
      stallMode = false;
      holding = false;
      for (const { upstream, chunk } of held.splice(0)) if (!upstream.destroyed) upstream.write(chunk);
    },
    stalled: () => holding,
    async close() {
      isUp = false;
      for (const socket of open) cut(socket);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
