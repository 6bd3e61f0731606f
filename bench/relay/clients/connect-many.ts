import type { ClientProtocol, RelayClient, ServerAddress } from './relay-client.js';

/**
 * Opens `count` clients with at most `concurrency` handshakes in flight, so the server's accept
 * backlog is never the bottleneck and a 10,000-client run does not open 10,000 sockets at once.
 * Fails as soon as one client fails: a benchmark with missing clients measures something else.
 */
export async function connectMany(
  protocol: ClientProtocol,
  address: ServerAddress,
  count: number,
  concurrency: number,
  firstIndex = 0,
): Promise<RelayClient[]> {
  const clients: RelayClient[] = new Array<RelayClient>(count);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < count && !failed) {
      const i = next++;
      clients[i] = await protocol.connect(address, firstIndex + i);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } catch (error) {
    failed = true;
    for (const client of clients) client?.close();
    throw error;
  }
  return clients;
}
