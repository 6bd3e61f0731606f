import { describe, expect, it, vi } from 'vitest';
import { ServerConnection, type ClientLike } from './server-connection.js';

type State = 'open' | 'reconnecting' | 'closed';

function fakeClient() {
  let onState: ((state: State) => void) | undefined;
  const client = {
    state: 'open' as State,
    on: vi.fn((_event: 'state', listener: (state: State) => void) => {
      onState = listener;
      return () => {};
    }),
    close: vi.fn(),
    to(state: State) {
      client.state = state;
      onState?.(state);
    },
    drop() {
      client.to('closed');
    },
  };
  return client satisfies ClientLike;
}

describe('ServerConnection', () => {
  it('connects once, however often it is started', async () => {
    const open = vi.fn(() => Promise.resolve(fakeClient()));
    const connection = new ServerConnection(open);
    expect(open).not.toHaveBeenCalled();
    const first = connection.start();
    expect(connection.start()).toBe(first);
    await first;
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('refuses to start after close()', async () => {
    const open = vi.fn(() => Promise.resolve(fakeClient()));
    const connection = new ServerConnection(open);
    connection.close();
    await expect(connection.start()).rejects.toThrow();
    expect(open).not.toHaveBeenCalled();
  });

  it('is connecting, then open with the client', async () => {
    const client = fakeClient();
    const connection = new ServerConnection(() => Promise.resolve(client));
    expect(connection.getSnapshot().status).toBe('idle');
    const ready = connection.start();
    expect(connection.getSnapshot().status).toBe('connecting');
    await expect(ready).resolves.toBe(client);
    expect(connection.getSnapshot()).toEqual({ status: 'open', client });
  });

  it('is reconnecting while the client gets its connection back, then open again', async () => {
    const client = fakeClient();
    const connection = new ServerConnection(() => Promise.resolve(client));
    await connection.start();
    client.to('reconnecting');
    expect(connection.getSnapshot()).toEqual({ status: 'reconnecting', client });
    client.to('open');
    expect(connection.getSnapshot()).toEqual({ status: 'open', client });
  });

  it('reports the connection lost when the client gives up', async () => {
    const client = fakeClient();
    const connection = new ServerConnection(() => Promise.resolve(client));
    await connection.start();
    client.drop();
    expect(connection.getSnapshot().status).toBe('lost');
  });

  it('reports the server unreachable when connect fails', async () => {
    const error = new Error('refused');
    const connection = new ServerConnection<ClientLike>(() => Promise.reject(error));
    await expect(connection.start()).rejects.toBe(error);
    expect(connection.getSnapshot()).toEqual({ status: 'unreachable', error });
  });

  it('closes a client that connects after close()', async () => {
    const client = fakeClient();
    let resolve!: (c: typeof client) => void;
    const connection = new ServerConnection(() => new Promise<typeof client>((r) => (resolve = r)));
    const ready = connection.start();
    connection.close();
    resolve(client);
    await expect(ready).rejects.toThrow();
    expect(client.close).toHaveBeenCalled();
    expect(connection.getSnapshot().status).toBe('closed');
  });

  it('closes the client once, and does not report its own close as lost', async () => {
    const client = fakeClient();
    client.close.mockImplementation(() => client.drop());
    const connection = new ServerConnection(() => Promise.resolve(client));
    await connection.start();
    connection.close();
    connection.close();
    expect(client.close).toHaveBeenCalledTimes(1);
    expect(connection.getSnapshot().status).toBe('closed');
  });
});
