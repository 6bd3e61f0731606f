import { ConfabError } from '@confab/protocol';
import { describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../test/fake-rtc.js';
import { useFakeRtc } from '../test/fake-rtc-env.js';
import { fakeWebSocketClass } from '../test/fake-web-socket.js';
import { ICE_SERVERS, joined, peer } from '../test/messages.js';
import { answer, connectedClient, sentMessage } from '../test/session.js';
import { connect } from './connect.js';
import { ConfabClientError } from './errors.js';

useFakeRtc();

describe('connect', () => {
  it('does hello/welcome and resolves a client with the peer id and ICE servers from welcome', async () => {
    const { client, socket } = await connectedClient('ann', { token: 'jwt.token.here' });
    expect(socket.sent[0]).toMatchObject({ type: 'hello', v: 1, token: 'jwt.token.here' });
    expect(client.peerId).toBe('ann');
    expect(client.iceServers).toEqual(ICE_SERVERS);
    expect(client.state).toBe('open');
    client.close();
  });

  it('rejects with the server error and closes the socket when hello is refused', async () => {
    const { WebSocket, sockets } = fakeWebSocketClass();
    const connecting = connect('ws://confab.test/ws', { WebSocket });
    const socket = sockets[0]!;
    socket.open();
    await answer(socket, 'hello', (rid) => ({
      type: 'error',
      code: 'UNSUPPORTED_VERSION',
      message: 'no',
      re: { type: 'hello', rid },
    }));
    const err: unknown = await connecting.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfabError);
    expect(err).toMatchObject({ code: 'UNSUPPORTED_VERSION' });
    expect(socket.closedWith).toBeDefined();
  });

  it('rejects with CONNECT_FAILED when the socket cannot open', async () => {
    const { WebSocket, sockets } = fakeWebSocketClass();
    const connecting = connect('ws://confab.test/ws', { WebSocket });
    sockets[0]!.serverClose(1006);
    const err: unknown = await connecting.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfabClientError);
    expect(err).toMatchObject({ code: 'CONNECT_FAILED' });
  });
});

describe('ConfabClient.join', () => {
  it('join resolves a Room with the name, self and capacity from joined, and sends the media state', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null, { password: 'hunter22' });
    const request = await answer(socket, 'join', (rid) => joined(rid, { maxPeers: 6, hasPassword: true }));
    expect(request).toMatchObject({ room: 'standup', name: 'Ann', media: { audio: false, video: false }, password: 'hunter22' });
    const room = await joining;
    expect(room.name).toBe('standup');
    expect(room.self).toEqual(peer('ann'));
    expect(room.maxPeers).toBe(6);
    expect(room.hasPassword).toBe(true);
    expect(room.peers.size).toBe(0);
    expect(client.room).toBe(room);
  });

  it('the join message leaves in the same turn as the call, before anything else the page runs', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null);
    // No await in between: a page's render queued after the click cannot come first.
    expect(socket.sent.at(-1)).toMatchObject({ type: 'join', room: 'standup', name: 'Ann' });
    await answer(socket, 'join', (rid) => joined(rid));
    await joining;
  });

  it('join past capacity rejects with ROOM_FULL', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => ({
      type: 'error',
      code: 'ROOM_FULL',
      message: 'Room "standup" is full (4 of 4 people).',
      re: { type: 'join', rid },
    }));
    const err: unknown = await joining.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfabError);
    expect(err).toMatchObject({ code: 'ROOM_FULL' });
    expect(client.room).toBeUndefined();
  });

  it('join while in a room rejects with ALREADY_IN_ROOM without asking the server', async () => {
    const { client, socket } = await connectedClient();
    const first = client.join('standup', 'Ann', null);
    await expect(client.join('other', 'Ann', null)).rejects.toMatchObject({ code: 'ALREADY_IN_ROOM' });
    await answer(socket, 'join', (rid) => joined(rid));
    await first;
    await expect(client.join('other', 'Ann', null)).rejects.toMatchObject({ code: 'ALREADY_IN_ROOM' });
    expect(socket.sent.filter((m) => m.type === 'join')).toHaveLength(1);
  });

  it('a peer announced while the join is waiting for joined is in the room', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null);
    const request = await sentMessage(socket, 'join');
    socket.receive({ type: 'peer-joined', peer: peer('zed') });
    socket.receive(joined(request.rid));
    const room = await joining;
    expect([...room.peers.keys()]).toEqual(['zed']);
  });

  it('after room.close() a new join waits for left, and the old room\'s messages do not leak into the new one', async () => {
    const { client, socket } = await connectedClient();
    const first = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    (await first).close();
    const leave = await sentMessage(socket, 'leave');

    const second = client.join('standup', 'Ann', null);
    socket.receive({ type: 'peer-joined', peer: peer('old') });
    await Promise.resolve();
    expect(socket.sent.filter((m) => m.type === 'join')).toHaveLength(1);
    socket.receive({ type: 'left', re: leave.rid, room: 'standup' });
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }), 2);
    const room = await second;
    expect([...room.peers.keys()]).toEqual(['bob']);
  });
});

describe('ConfabClient events and close', () => {
  it('an error that answers no request is emitted as error', async () => {
    const { client, socket } = await connectedClient();
    const errors = vi.fn();
    client.on('error', errors);
    socket.receive({ type: 'error', code: 'PEER_NOT_FOUND', message: 'No peer "bob".', re: { type: 'signal' } });
    expect(errors).toHaveBeenCalledOnce();
    const err: unknown = errors.mock.calls[0]?.[0];
    expect(err).toBeInstanceOf(ConfabError);
    expect(err).toMatchObject({ code: 'PEER_NOT_FOUND' });
  });

  it('close() leaves the room, closes it and the socket, emits state closed once, and is safe twice', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    const room = await joining;
    const states = vi.fn();
    const roomClosed = vi.fn();
    client.on('state', states);
    room.on('closed', roomClosed);

    client.close();
    client.close();
    expect(socket.last?.type).toBe('leave');
    expect(socket.closedWith?.code).toBe(1000);
    expect(states).toHaveBeenCalledExactlyOnceWith('closed');
    expect(roomClosed).toHaveBeenCalledOnce();
    expect(room.closed).toBe(true);
    expect(FakePeerConnection.instances[0]?.closed).toBe(true);
    expect(client.state).toBe('closed');
    await expect(client.join('standup', 'Ann', null)).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('losing the socket makes the client reconnecting and keeps its room and peer connections', async () => {
    const { client, socket } = await connectedClient();
    const joining = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    const room = await joining;
    const states = vi.fn();
    client.on('state', states);
    socket.serverClose(1006);
    expect(states).toHaveBeenCalledExactlyOnceWith('reconnecting');
    expect(client.state).toBe('reconnecting');
    expect(room.closed).toBe(false);
    expect(client.room).toBe(room);
    expect(FakePeerConnection.instances[0]?.closed).toBe(false);
    client.close();
  });
});
