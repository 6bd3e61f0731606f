import { ConfabError } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketClass, type FakeWebSocket } from '../test/fake-web-socket.js';
import { joined } from '../test/messages.js';
import { ConfabClientError } from './errors.js';
import { PONG_TIMEOUT_MS } from './keepalive.js';
import { OPEN_TIMEOUT_MS, REQUEST_TIMEOUT_MS, SignalingChannel } from './signaling.js';
import { WS_CLOSE_HEARTBEAT_TIMEOUT } from './web-socket.js';

const URL = 'ws://confab.test/ws';
const HEARTBEAT_MS = 5_000;

async function openChannel(): Promise<{ channel: SignalingChannel; socket: FakeWebSocket }> {
  const { WebSocket, sockets } = fakeWebSocketClass();
  const opening = SignalingChannel.open(URL, WebSocket);
  const socket = sockets[0]!;
  socket.open();
  return { channel: await opening, socket };
}

function ridOf(socket: FakeWebSocket, index: number): string {
  const msg = socket.sent[index];
  if (!msg?.rid) throw new Error(`message ${index} has no rid`);
  return msg.rid;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('SignalingChannel.open', () => {
  it('resolves once the socket opens', async () => {
    const { channel, socket } = await openChannel();
    expect(channel.state).toBe('open');
    expect(socket.url).toBe(URL);
  });

  it('rejects with CONNECT_FAILED when the socket closes before opening', async () => {
    const { WebSocket, sockets } = fakeWebSocketClass();
    const opening = SignalingChannel.open(URL, WebSocket);
    sockets[0]!.serverClose(1006);
    await expect(opening).rejects.toMatchObject({ name: 'ConfabClientError', code: 'CONNECT_FAILED' });
  });

  it('rejects with CONNECT_FAILED and closes the socket when opening takes too long', async () => {
    vi.useFakeTimers();
    const { WebSocket, sockets } = fakeWebSocketClass();
    const opening = SignalingChannel.open(URL, WebSocket);
    const assertion = expect(opening).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS);
    await assertion;
    expect(sockets[0]!.closedWith).toBeDefined();
  });
});

describe('SignalingChannel requests', () => {
  it('each request resolves with the answer whose re matches its rid, whatever the order', async () => {
    const { channel, socket } = await openChannel();
    const join = channel.request({ type: 'join', room: 'standup', name: 'Ann' });
    const ping = channel.request({ type: 'ping' });
    const joinRid = ridOf(socket, 0);
    const pingRid = ridOf(socket, 1);
    expect(joinRid).not.toBe(pingRid);
    expect(socket.sent[0]).toMatchObject({ type: 'join', room: 'standup', name: 'Ann' });

    socket.receive({ type: 'pong', re: pingRid });
    socket.receive(joined(joinRid, { room: 'standup', maxPeers: 4 }));
    await expect(ping).resolves.toEqual({ type: 'pong', re: pingRid });
    await expect(join).resolves.toMatchObject({ type: 'joined', room: 'standup', maxPeers: 4 });
  });

  it('an error whose re.rid matches rejects that request with a ConfabError carrying its code', async () => {
    const { channel, socket } = await openChannel();
    const join = channel.request({ type: 'join', room: 'standup', name: 'Cy' });
    const rid = ridOf(socket, 0);
    socket.receive({ type: 'error', code: 'ROOM_FULL', message: 'Room "standup" is full.', re: { type: 'join', rid } });
    const err: unknown = await join.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfabError);
    expect(err).toMatchObject({ code: 'ROOM_FULL', message: 'Room "standup" is full.', re: { type: 'join', rid } });
  });

  it('an answer of the wrong type rejects with UNEXPECTED_REPLY', async () => {
    const { channel, socket } = await openChannel();
    const leave = channel.request({ type: 'leave' });
    socket.receive({ type: 'pong', re: ridOf(socket, 0) });
    await expect(leave).rejects.toMatchObject({ code: 'UNEXPECTED_REPLY' });
  });

  it('a request with no answer rejects with REQUEST_TIMEOUT, and a late answer is a plain message', async () => {
    vi.useFakeTimers();
    const { channel, socket } = await openChannel();
    const messages = vi.fn();
    channel.on('message', messages);
    const leave = channel.request({ type: 'leave' });
    const assertion = expect(leave).rejects.toMatchObject({ name: 'ConfabClientError', code: 'REQUEST_TIMEOUT' });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    await assertion;
    socket.receive({ type: 'left', re: ridOf(socket, 0), room: 'standup' });
    expect(messages).toHaveBeenCalledExactlyOnceWith({ type: 'left', re: ridOf(socket, 0), room: 'standup' });
  });

  it('messages that answer no request are emitted as message', async () => {
    const { channel, socket } = await openChannel();
    const messages = vi.fn();
    channel.on('message', messages);
    const peer = { id: 'bob1', name: 'Bob', media: { audio: true, video: false } };
    socket.receive({ type: 'peer-joined', peer });
    socket.receive({ type: 'error', code: 'PEER_NOT_FOUND', message: 'gone', re: { type: 'signal' } });
    expect(messages.mock.calls).toEqual([
      [{ type: 'peer-joined', peer }],
      [{ type: 'error', code: 'PEER_NOT_FOUND', message: 'gone', re: { type: 'signal' } }],
    ]);
  });

  it('invalid frames are warned about and ignored', async () => {
    const { channel, socket } = await openChannel();
    const messages = vi.fn();
    channel.on('message', messages);
    socket.receive('{not json');
    socket.receive({ type: 'peer-joined' });
    socket.receive({ type: 'teleport', to: 'mars' });
    expect(messages).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalledTimes(3);
    expect(channel.state).toBe('open');
  });

  it('a request after close rejects with CONNECTION_CLOSED and sends nothing', async () => {
    const { channel, socket } = await openChannel();
    channel.close();
    await expect(channel.request({ type: 'ping' })).rejects.toBeInstanceOf(ConfabClientError);
    expect(channel.send({ type: 'ping' })).toBe(false);
    expect(socket.sentFrames).toEqual([]);
  });
});

describe('SignalingChannel close', () => {
  it('close() rejects pending requests with CONNECTION_CLOSED, emits state closed once, and is safe twice', async () => {
    const { channel, socket } = await openChannel();
    const states = vi.fn();
    channel.on('state', states);
    const pending = channel.request({ type: 'ping' });
    channel.close();
    channel.close();
    await expect(pending).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    await Promise.resolve();
    expect(states).toHaveBeenCalledExactlyOnceWith('closed');
    expect(channel.state).toBe('closed');
    expect(socket.closedWith).toEqual({ code: 1000, reason: '' });
  });

  it('the server closing the socket emits state closed and rejects pending requests', async () => {
    const { channel, socket } = await openChannel();
    const states = vi.fn();
    channel.on('state', states);
    const pending = channel.request({ type: 'ping' });
    socket.serverClose(1006);
    await expect(pending).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(states).toHaveBeenCalledExactlyOnceWith('closed');
  });
});

describe('SignalingChannel heartbeat', () => {
  it('sends an app ping every heartbeatMs while the server answers', async () => {
    vi.useFakeTimers();
    const { channel, socket } = await openChannel();
    channel.startHeartbeat(HEARTBEAT_MS);
    for (let i = 1; i <= 3; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      expect(socket.sent).toHaveLength(i);
      expect(socket.last).toEqual({ type: 'ping' });
      await vi.advanceTimersByTimeAsync(10);
      socket.receive({ type: 'pong' });
    }
    expect(channel.state).toBe('open');
    channel.close();
  });

  it('gives the socket up, without a close frame, when a ping goes unanswered for the pong timeout', async () => {
    vi.useFakeTimers();
    const { channel, socket } = await openChannel();
    const states = vi.fn();
    channel.on('state', states);
    channel.startHeartbeat(HEARTBEAT_MS);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(socket.sent).toEqual([{ type: 'ping' }]);
    await vi.advanceTimersByTimeAsync(PONG_TIMEOUT_MS - HEARTBEAT_MS);
    expect(channel.state).toBe('open');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(channel.state).toBe('closed');
    expect(states).toHaveBeenCalledExactlyOnceWith('closed');
    // A close frame would make the server give up our seat; a silent drop keeps it for a resume.
    expect(socket.closedWith).toBeUndefined();
    expect(socket.sent).toEqual([{ type: 'ping' }]);
    // Once the session lives elsewhere, the abandoned socket is closed for real.
    channel.close();
    expect(socket.closedWith?.code).toBe(WS_CLOSE_HEARTBEAT_TIMEOUT);
  });
});
