import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A loopback TCP proxy whose connections can be cut: `cut()` destroys every connection through it
 * (each side sees its TCP connection end, with no WebSocket close frame: to the server a drop,
 * code 1006, which keeps the seat for a resume) and refuses new ones until `restore()`.
 * A person whose page is loaded through it has their signaling go through it too; their media
 * is peer to peer and does not.
 */
export interface CutProxy {
  /** `http://127.0.0.1:<port>`: load the app from here to route its HTTP and WebSocket through the proxy. */
  url: string;
  cut(): void;
  restore(): void;
  /** Connections accepted so far (including refused ones while cut). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let isCut = false;
  let accepted = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    accepted += 1;
    track(client);
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    cut: () => {
      isCut = true;
      for (const socket of [...sockets]) socket.destroy();
    },
    restore: () => {
      isCut = false;
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
