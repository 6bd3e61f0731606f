import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { Directory, type DirectoryPeer } from '@confab/client';
import { describe, expect, it, vi } from 'vitest';
import { DirectCalls } from './direct-calls.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : null);

type Sent = { msg: { type: string; callId?: string; to?: string }; onReply?: (msg: never) => void };

const person = (id: string, busy = false): DirectoryPeer => ({ id, name: id.charAt(0).toUpperCase() + id.slice(1), busy });

/**
 * A DirectCalls over a real SDK Directory whose link to the server is recorded: the test plays the
 * server by answering the recorded requests and pushing messages into the directory.
 */
function setup(peers: DirectoryPeer[] = [person('bob'), person('amy')]) {
  const sent: Sent[] = [];
  const stopped: unknown[] = [];
  const streams: object[] = [];
  let directory: Directory | undefined;
  const store = new DirectCalls({
    client: async () => ({
      goOnline: async (name: string) => {
        directory = new Directory(
          {
            request: (msg, handlers) => {
              sent.push({ msg, ...(handlers?.onReply ? { onReply: handlers.onReply as (msg: never) => void } : {}) });
              return true;
            },
            join: () => new Promise(() => {}),
            closed: () => {},
          },
          { type: 'directory', self: { id: 'ann', name, busy: false }, peers },
        );
        return directory;
      },
    }),
    capture: async () => {
      const stream = { id: `stream-${streams.length + 1}` };
      streams.push(stream);
      return stream as unknown as MediaStream;
    },
    stopStream: (stream) => {
      if (stream) stopped.push(stream);
    },
  });
  const last = (type: string) => sent.filter((s) => s.msg.type === type).at(-1);
  const server = {
    /** Answers the last request of `type` with `msg`, as the server would with `re`. */
    answer(type: string, msg: object) {
      last(type)?.onReply?.(msg as never);
    },
    push(msg: object) {
      directory?.handle(msg as never);
    },
  };
  return { store, sent, stopped, streams, server, last };
}

describe('DirectCalls', () => {
  it('going online lists everyone else by name', async () => {
    const { store } = setup();
    await store.goOnline('Ann');
    const state = store.getSnapshot();
    expect(state.phase).toBe('online');
    expect(state.self?.name).toBe('Ann');
    expect(state.peers.map((p) => p.name)).toEqual(['Amy', 'Bob']);
  });

  it('a call link to someone not online says so; to yourself, that it is your own link', async () => {
    const { store, sent } = setup();
    await store.goOnline('Ann', 'zed');
    expect(english(store.getSnapshot().error)).toBe('zed is not online');
    await store.callByName('ANN');
    expect(english(store.getSnapshot().error)).toMatch(/your own call link/);
    expect(sent.filter((s) => s.msg.type === 'invite')).toHaveLength(0);
  });

  it('a call link to someone online rings them once online, found whatever the case', async () => {
    const { store, last } = setup();
    await store.goOnline('Ann', 'BOB');
    await vi.waitFor(() => expect(last('invite')?.msg.to).toBe('bob'));
    expect(store.getSnapshot().calling).toBe('Bob');
  });

  it('a busy callee: the camera started for the call is stopped, and the caller is told', async () => {
    const { store, server, stopped, streams } = setup();
    await store.goOnline('Ann');
    const calling = store.call(person('bob'));
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    server.answer('invite', { type: 'call-ended', callId: 'c1', reason: 'busy' });
    await calling;
    const state = store.getSnapshot();
    expect(english(state.notice)).toBe('Bob is busy');
    expect(state.call).toBeNull();
    expect(state.calling).toBeNull();
    expect(stopped).toEqual(streams);
  });

  it('a declined call: ringing, then "Bob declined", and the camera is off', async () => {
    const { store, server, stopped, streams } = setup();
    await store.goOnline('Ann');
    const calling = store.call(person('bob'));
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    server.answer('invite', { type: 'ringing', callId: 'c1', to: person('bob', true) });
    await calling;
    expect(store.getSnapshot().call).toMatchObject({ state: 'ringing', peerName: 'Bob', direction: 'outgoing' });
    server.push({ type: 'call-ended', callId: 'c1', reason: 'declined', by: 'bob' });
    expect(store.getSnapshot().call).toBeNull();
    expect(english(store.getSnapshot().notice)).toBe('Bob declined');
    expect(stopped).toEqual(streams);
  });

  it('Cancel while the camera starts: no call goes out, the camera stops, "Call cancelled"', async () => {
    const { store, last, stopped, streams } = setup();
    await store.goOnline('Ann');
    const calling = store.call(person('bob'));
    store.hangup();
    await calling;
    expect(last('invite')).toBeUndefined();
    expect(stopped).toEqual(streams);
    expect(store.getSnapshot()).toMatchObject({ calling: null, call: null, notice: { key: 'calls.end.cancelled' } });
  });

  it('Cancel before the server rang the callee cancels the call as soon as it rings', async () => {
    const { store, server, last, stopped } = setup();
    await store.goOnline('Ann');
    const calling = store.call(person('bob'));
    await vi.waitFor(() => expect(last('invite')).toBeDefined());
    store.hangup();
    server.answer('invite', { type: 'ringing', callId: 'c1', to: person('bob', true) });
    await calling;
    expect(last('cancel')?.msg.callId).toBe('c1');
    expect(english(store.getSnapshot().notice)).toBe('Call cancelled');
    expect(stopped).toHaveLength(1);
  });

  it('an incoming call: Accept starts the camera and sends accept; the caller cancelling stops it', async () => {
    const { store, server, last, stopped, streams } = setup();
    await store.goOnline('Ann');
    server.push({ type: 'incoming-call', callId: 'c7', from: person('bob', true) });
    expect(store.getSnapshot().call).toMatchObject({ state: 'incoming', peerName: 'Bob', direction: 'incoming', answering: false });
    void store.accept();
    await vi.waitFor(() => expect(last('accept')?.msg.callId).toBe('c7'));
    expect(store.getSnapshot().call).toMatchObject({ answering: true, stream: streams[0] });
    server.push({ type: 'call-ended', callId: 'c7', reason: 'cancelled', by: 'bob' });
    expect(english(store.getSnapshot().notice)).toBe('Call cancelled by Bob');
    expect(stopped).toEqual(streams);
  });

  it('closing the page goes offline and stops the camera of a call in progress', async () => {
    const { store, server, last, stopped, streams } = setup();
    await store.goOnline('Ann');
    const calling = store.call(person('bob'));
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    server.answer('invite', { type: 'ringing', callId: 'c1', to: person('bob', true) });
    await calling;
    store.close();
    expect(last('offline')).toBeDefined();
    expect(stopped).toEqual(streams);
    expect(store.getSnapshot().phase).toBe('offline');
  });
});
