import type { ClientMessageOf } from '@confab/protocol';
import { describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { useFakeRtc } from '../test/fake-rtc-env.js';
import type { FakeWebSocket } from '../test/fake-web-socket.js';
import { joined, peer } from '../test/messages.js';
import { answer, connectedClient } from '../test/session.js';
import type { ConfabClient } from './client.js';
import { encodeEnvelope } from './data/envelope.js';

useFakeRtc();

const asStream = (stream: FakeMediaStream | null) => stream as unknown as MediaStream | null;

function prepared(re: string | undefined, peers: string[], room = 'standup') {
  return { type: 'prepared', ...(re ? { re } : {}), room, peers: peers.map((id) => peer(id)), maxPeers: 4 };
}

function signalsTo(socket: FakeWebSocket, to: string): ClientMessageOf<'signal'>['data'][] {
  return socket.sent.flatMap((msg) => (msg.type === 'signal' && msg.to === to ? [msg.data] : []));
}

function pc(index: number): FakePeerConnection {
  const found = FakePeerConnection.instances[index];
  if (!found) throw new Error(`no peer connection #${index}`);
  return found;
}

/** Ann prepares `standup`, where `peers` are. */
async function prepareLobby(peers: string[]): Promise<{ client: ConfabClient; socket: FakeWebSocket }> {
  const { client, socket } = await connectedClient('ann');
  const preparing = client.prepare('standup', 'Ann');
  await answer(socket, 'prepare', (rid) => prepared(rid, peers));
  await preparing;
  return { client, socket };
}

describe('the lobby (prepare)', () => {
  it('offers each member a connection that sends nothing: audio and video without tracks', async () => {
    const { socket } = await prepareLobby(['bob', 'cy']);
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(pc(0).log).toEqual(['addTransceiver:audio:sendrecv', 'addTransceiver:video:sendrecv']);
    expect(pc(0).transceivers.map((t) => t.sender.track)).toEqual([null, null]);
    await vi.waitFor(() => expect(signalsTo(socket, 'bob')).toEqual([{ description: { type: 'offer', sdp: 'fake-offer' } }]));
    expect(pc(0).dataChannels.map((c) => c.label)).toEqual(['confab-messages', 'confab-files']);
  });

  it('pre-connects to a member who joins later, and closes the connection to one who leaves', async () => {
    const { socket } = await prepareLobby(['bob']);
    socket.receive({ type: 'peer-joined', peer: peer('dan') });
    expect(FakePeerConnection.instances).toHaveLength(2);
    await vi.waitFor(() => expect(signalsTo(socket, 'dan')).toHaveLength(1));
    socket.receive({ type: 'peer-left', peerId: 'bob', reason: 'left' });
    expect(pc(0).closed).toBe(true);
    expect(pc(1).closed).toBe(false);
  });

  it('tells who is in the prepared room as people join and leave (preparedChanged)', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    expect(client.prepared?.peers.map((p) => p.id)).toEqual(['bob']);
    const seen: string[][] = [];
    client.on('preparedChanged', (room) => seen.push(room.peers.map((p) => p.id)));
    socket.receive({ type: 'peer-joined', peer: peer('dan') });
    socket.receive({ type: 'peer-left', peerId: 'bob', reason: 'left' });
    expect(seen).toEqual([['bob', 'dan'], ['dan']]);
    expect(client.prepared?.peers.map((p) => p.id)).toEqual(['dan']);
  });

  it('join of the prepared room adopts the connections: no new one, tracks attached without renegotiating', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    const audio = new FakeTrack('audio');
    const video = new FakeTrack('video');
    const stream = new FakeMediaStream([audio, video]);
    const theirs = new FakeTrack('video');
    pc(0).fireTrack(theirs);
    // The lobby has offered before the click.
    await vi.waitFor(() => expect(signalsTo(socket, 'bob')).toHaveLength(1));
    const joining = client.join('standup', 'Ann', asStream(stream));
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    const room = await joining;
    expect(FakePeerConnection.instances).toHaveLength(1);
    await vi.waitFor(() => expect(pc(0).transceivers.map((t) => t.sender.track)).toEqual([audio, video]));
    expect(pc(0).log).toEqual(['addTransceiver:audio:sendrecv', 'addTransceiver:video:sendrecv', 'setLocalDescription:offer']);
    // The track received in the lobby is the room's only now.
    expect(room.peers.get('bob')?.stream.getTracks()).toEqual([theirs]);
  });

  it('join of another room closes the prepared connections and goes the ordinary way', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    const joining = client.join('other', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { room: 'other', peers: [peer('bob')] }));
    await joining;
    expect(pc(0).closed).toBe(true);
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(pc(1).log.slice(0, 2)).toEqual(['addTransceiver:audio:recvonly', 'addTransceiver:video:recvonly']);
  });

  it('join with another ICE transport policy than prepared does not use the prepared connections', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    const joining = client.join('standup', 'Ann', null, { iceTransportPolicy: 'relay' });
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    await joining;
    expect(pc(0).closed).toBe(true);
    expect(pc(1).config.iceTransportPolicy).toBe('relay');
  });

  it('someone who is not in the lobby any more (joined since) is connected the ordinary way', async () => {
    const { client, socket } = await prepareLobby([]);
    const joining = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    await joining;
    expect(pc(0).log.slice(0, 2)).toEqual(['addTransceiver:audio:recvonly', 'addTransceiver:video:recvonly']);
  });

  it('the server ending the preparation (expired) closes the connections and says so', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    const ended: string[] = [];
    client.on('prepareEnded', (reason) => ended.push(reason));
    socket.receive({ type: 'unprepared', room: 'standup', reason: 'expired' });
    expect(pc(0).closed).toBe(true);
    expect(ended).toEqual(['expired']);
    expect(client.prepared).toBeUndefined();
  });

  it('unprepare() closes the connections and tells the server', async () => {
    const { client, socket } = await prepareLobby(['bob']);
    client.unprepare();
    expect(pc(0).closed).toBe(true);
    expect(socket.sent.some((m) => m.type === 'unprepare')).toBe(true);
  });

  it('a refused prepare rejects with its code and prepares nothing', async () => {
    const { client, socket } = await connectedClient('ann');
    const preparing = client.prepare('standup', 'Ann');
    await answer(socket, 'prepare', (rid) => ({ type: 'error', code: 'ROOM_FULL', message: 'full', re: { type: 'prepare', rid } }));
    await expect(preparing).rejects.toMatchObject({ code: 'ROOM_FULL' });
    expect(FakePeerConnection.instances).toHaveLength(0);
  });
});

describe('a room member and a lobby visitor', () => {
  async function memberWithVisitor() {
    const audio = new FakeTrack('audio');
    const video = new FakeTrack('video');
    const stream = new FakeMediaStream([audio, video]);
    const { client, socket } = await connectedClient('ann');
    const joining = client.join('standup', 'Ann', asStream(stream));
    await answer(socket, 'join', (rid) => joined(rid));
    const room = await joining;
    const shown: string[] = [];
    room.on('peerJoined', (p) => shown.push(`joined:${p.id}`));
    room.on('track', (p) => shown.push(`track:${p.id}`));
    socket.receive({ type: 'peer-preparing', peer: { id: 'vic', name: 'Vic' } });
    socket.receive({ type: 'signal', from: 'vic', data: { description: { type: 'offer', sdp: 'vic-offer' } } });
    await vi.waitFor(() => expect(signalsTo(socket, 'vic')).toEqual([{ description: { type: 'answer', sdp: 'fake-answer' } }]));
    return { room, socket, shown, audio, video };
  }

  it('answers the visitor with nothing to send, and shows nothing: no peer, no track', async () => {
    const { room, shown } = await memberWithVisitor();
    expect(pc(0).transceivers.map((t) => [t.direction, t.sender.track])).toEqual([
      ['sendrecv', null],
      ['sendrecv', null],
    ]);
    pc(0).fireTrack(new FakeTrack('video'));
    expect(room.peers.size).toBe(0);
    expect(shown).toEqual([]);
  });

  it('nothing the visitor sends on the data channels reaches the room before the join', async () => {
    const { room, socket } = await memberWithVisitor();
    const got: unknown[] = [];
    room.channel('notes', { validate: (x): x is string => typeof x === 'string' }).on('message', (msg) => got.push(msg));
    const channel = pc(0).dataChannels[0]!;
    channel.readyState = 'open';
    channel.receive(encodeEnvelope('notes', 'before join'));
    expect(got).toEqual([]);
    socket.receive({ type: 'peer-joined', peer: peer('vic') });
    channel.receive(encodeEnvelope('notes', 'after join'));
    expect(got.at(-1)).toBe('after join');
  });

  it('the visitor joining adopts the connection: peer shown, tracks attached, no new connection', async () => {
    const { room, socket, shown, audio, video } = await memberWithVisitor();
    const theirs = new FakeTrack('video');
    pc(0).fireTrack(theirs);
    socket.receive({ type: 'peer-joined', peer: peer('vic') });
    expect(room.peers.get('vic')?.stream.getTracks()).toEqual([theirs]);
    expect(shown).toEqual(['joined:vic', 'track:vic']);
    await vi.waitFor(() => expect(pc(0).transceivers.map((t) => t.sender.track)).toEqual([audio, video]));
    expect(FakePeerConnection.instances).toHaveLength(1);
  });

  it('peer-unprepared closes the prepared connection; a later join goes the ordinary way', async () => {
    const { room, socket } = await memberWithVisitor();
    socket.receive({ type: 'peer-unprepared', peerId: 'vic' });
    expect(pc(0).closed).toBe(true);
    socket.receive({ type: 'peer-joined', peer: peer('vic') });
    expect(room.peers.has('vic')).toBe(true);
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(pc(1).log).toEqual([]);
  });
});
