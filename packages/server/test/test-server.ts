import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

export type Started = Awaited<ReturnType<typeof startServer>>;

/**
 * One real server per test (`boot`) and the ws clients opened to it (`client`), all closed after
 * each test.
 */
export function useTestServer() {
  let started: Started | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await started?.close();
    started = undefined;
  });
  return {
    async boot(env?: Record<string, string>): Promise<Started> {
      started = await startServer(env);
      return started;
    },
    async client(options?: ConstructorParameters<typeof WebSocket>[2]): Promise<TestClient> {
      const c = await TestClient.open(this.started.wsUrl, options);
      clients.push(c);
      return c;
    },
    /** The server of this test; `boot` first. */
    get started(): Started {
      if (!started) throw new Error('boot() the server first');
      return started;
    },
  };
}
