import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy that can go silent: `blackhole()` stops forwarding bytes in both
 * directions but keeps every socket open. To the server, the browser behind it is then a
 * connection that neither closes nor answers pings — a cable pulled, a laptop lid shut — so only
 * the heartbeat can notice.
 *
 * Chromium itself cannot be made to do this. Measured with Chromium 156: a closed tab and a
 * crashed renderer (CDP Page.crash) both send a close frame (1001) at once; DevTools offline
 * emulation (Network.emulateNetworkConditions, context.setOffline) and a frozen page
 * (Page.setWebLifecycleState) leave an open WebSocket answering pings, because the network
 * service, not the page, answers them.
 */

export interface BlackholeProxy {
  /** `http://127.0.0.1:<port>`: load the app from here to route its HTTP and WebSocket through the proxy. */
  url: string;
  port: number;
  /** Stops forwarding, on open connections and on any new one. Nothing is closed. */
  blackhole(): void;
  /** Destroys every connection and stops listening. Idempotent. */
  close(): Promise<void>;
}

export async function startBlackholeProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<BlackholeProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let silent = false;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (silent) {
      client.pause();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const forget = () => {
      pairs.delete(pair);
      if (!silent) {
        client.destroy();
        upstream.destroy();
      }
    };
    client.on('close', forget);
    upstream.on('close', forget);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    blackhole: () => {
      silent = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
