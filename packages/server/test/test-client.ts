import type { ServerMessage } from '@confab/protocol';
import { WebSocket } from 'ws';

/** A real `ws` client that queues what the server sends, for integration tests. */
export class TestClient {
  readonly ws: WebSocket;
  private readonly queue: ServerMessage[] = [];
  private waiter: (() => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
    this.ws = new WebSocket(url, options);
    this.ws.on('message', (data) => {
      this.queue.push(JSON.parse(String(data)) as ServerMessage);
      this.waiter?.();
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(url: string, options?: ConstructorParameters<typeof WebSocket>[2]): Promise<TestClient> {
    const client = new TestClient(url, options);
    await new Promise<void>((resolve, reject) => {
      client.ws.once('open', () => resolve());
      client.ws.once('error', reject);
    });
    return client;
  }

  send(msg: object | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The next message (of `type`, if given, skipping others), or a rejection after `timeoutMs`. */
  async next<T extends ServerMessage['type']>(type?: T, timeoutMs = 3000): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex((m) => type === undefined || m.type === type);
      if (index >= 0) return this.queue.splice(index, 1)[0] as Extract<ServerMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type ?? 'message'} within ${timeoutMs} ms; queue: ${JSON.stringify(this.queue)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Everything received so far and not yet taken. */
  drain(): ServerMessage[] {
    return this.queue.splice(0);
  }

  async hello(): Promise<string> {
    this.send({ type: 'hello', v: 1 });
    return (await this.next('welcome')).peerId;
  }

  async enter(room: string, name: string): Promise<string> {
    const id = await this.hello();
    this.send({ type: 'join', room, name });
    await this.next('joined');
    return id;
  }

  close(): void {
    this.ws.close();
  }
}
