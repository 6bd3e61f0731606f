import type { ClientMessageOf } from '@confab/protocol';
import { describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { useFakeRtc } from '../test/fake-rtc-env.js';
import type { FakeWebSocket } from '../test/fake-web-socket.js';
import { ICE_SERVERS, joined, peer } from '../test/messages.js';
import { answer, connectedClient, sentMessage } from '../test/session.js';
import type { Room } from './room.js';

useFakeRtc();

/** `ann` joins `standup`, where `peers` already are, sending `stream`. */
async function joinRoom(
  peers: string[] = [],
  stream: FakeMediaStream | null = null,
): Promise<{ room: Room; socket: FakeWebSocket }> {
  const { client, socket } = await connectedClient('ann');
  // The fakes stand in for the DOM types the SDK is typed against.
  const joining = client.join('standup', 'Ann', stream as unknown as MediaStream | null);
  await answer(socket, 'join', (rid) => joined(rid, { peers: peers.map((id) => peer(id)) }));
  return { room: await joining, socket };
}

function signalsTo(socket: FakeWebSocket, to: string): ClientMessageOf<'signal'>['data'][] {
  return socket.sent.flatMap((msg) => (msg.type === 'signal' && msg.to === to ? [msg.data] : []));
}

function pcFor(index: number): FakePeerConnection {
  const pc = FakePeerConnection.instances[index];
  if (!pc) throw new Error(`no peer connection #${index}`);
  return pc;
}

const offer = { description: { type: 'offer' as const, sdp: 'remote-offer' } };
const candidate = (n: number) => ({ candidate: { candidate: `c${n}`, sdpMid: '0', sdpMLineIndex: 0 } });

describe('Room as the newcomer', () => {
  it('offers to each peer already there, sending what it has and receiving the rest', async () => {
    const stream = new FakeMediaStream([new FakeTrack('audio')]);
    const { room, socket } = await joinRoom(['bob', 'cy'], stream);
    expect([...room.peers.keys()]).toEqual(['bob', 'cy']);
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(pcFor(0).config).toEqual({ iceServers: ICE_SERVERS });
    expect(pcFor(0).log).toEqual(['addTransceiver:audio:sendrecv', 'addTransceiver:video:recvonly']);
    expect(pcFor(0).transceivers[0]?.sender.streams).toEqual([stream]);
    await vi.waitFor(() => expect(signalsTo(socket, 'cy')).toHaveLength(1));
    expect(signalsTo(socket, 'bob')).toEqual([{ description: { type: 'offer', sdp: 'fake-offer' } }]);
  });

  it('with no stream, still adds receive-only transceivers for audio and video', async () => {
    await joinRoom(['bob'], null);
    expect(pcFor(0).log).toEqual(['addTransceiver:audio:recvonly', 'addTransceiver:video:recvonly']);
  });
});

describe('Room as an existing member', () => {
  it('answers the first offer with its local tracks on the offered transceivers', async () => {
    const audio = new FakeTrack('audio');
    const video = new FakeTrack('video');
    const stream = new FakeMediaStream([audio, video]);
    const { room, socket } = await joinRoom([], stream);
    const joinedPeers: string[] = [];
    room.on('peerJoined', (p) => joinedPeers.push(p.id));

    socket.receive({ type: 'peer-joined', peer: peer('zed') });
    expect(joinedPeers).toEqual(['zed']);
    expect(pcFor(0).log).toEqual([]);

    socket.receive({ type: 'signal', from: 'zed', data: offer });
    await vi.waitFor(() => expect(signalsTo(socket, 'zed')).toHaveLength(1));
    expect(signalsTo(socket, 'zed')[0]).toEqual({ description: { type: 'answer', sdp: 'fake-answer' } });
    const pc = pcFor(0);
    expect(pc.log).toEqual(['setRemoteDescription:offer', 'setLocalDescription:answer']);
    expect(pc.transceivers.map((t) => [t.sender.track, t.direction, t.sender.streams])).toEqual([
      [audio, 'sendrecv', [stream]],
      [video, 'sendrecv', [stream]],
    ]);
  });

  it('holds candidates that arrive before the offer and adds them right after it', async () => {
    const { socket } = await joinRoom();
    socket.receive({ type: 'peer-joined', peer: peer('zed') });
    socket.receive({ type: 'signal', from: 'zed', data: candidate(1) });
    socket.receive({ type: 'signal', from: 'zed', data: candidate(2) });
    socket.receive({ type: 'signal', from: 'zed', data: offer });
    socket.receive({ type: 'signal', from: 'zed', data: candidate(3) });
    socket.receive({ type: 'signal', from: 'zed', data: { candidate: null } });
    await vi.waitFor(() => expect(pcFor(0).log).toHaveLength(6));
    expect(pcFor(0).log).toEqual([
      'setRemoteDescription:offer',
      'addIceCandidate:c1',
      'addIceCandidate:c2',
      'setLocalDescription:answer',
      'addIceCandidate:c3',
      'addIceCandidate:end',
    ]);
  });

  it('signals that arrive before peer-joined are replayed once the peer is announced', async () => {
    const { socket } = await joinRoom();
    socket.receive({ type: 'signal', from: 'zed', data: offer });
    socket.receive({ type: 'signal', from: 'zed', data: candidate(1) });
    expect(FakePeerConnection.instances).toHaveLength(0);
    socket.receive({ type: 'peer-joined', peer: peer('zed') });
    await vi.waitFor(() => expect(signalsTo(socket, 'zed')).toHaveLength(1));
    await vi.waitFor(() => expect(pcFor(0).log).toHaveLength(3));
    expect(pcFor(0).log).toEqual(['setRemoteDescription:offer', 'setLocalDescription:answer', 'addIceCandidate:c1']);
  });
});

describe('Room events', () => {
  it('a remote track joins peer.stream and is emitted once; connection states are emitted', async () => {
    const { room } = await joinRoom(['bob']);
    const bob = room.peers.get('bob')!;
    const tracks = vi.fn();
    const states = vi.fn();
    room.on('track', tracks);
    room.on('peerState', states);
    const track = new FakeTrack('video');
    pcFor(0).fireTrack(track);
    pcFor(0).fireTrack(track);
    expect(bob.stream.getTracks()).toEqual([track]);
    expect(tracks).toHaveBeenCalledExactlyOnceWith(bob, track);
    pcFor(0).setConnectionState('connected');
    expect(states).toHaveBeenCalledExactlyOnceWith(bob, 'connected');
    expect(bob.connectionState).toBe('connected');
  });

  it('peer-updated changes the peer in place and emits peerUpdated', async () => {
    const { room, socket } = await joinRoom(['bob']);
    const updated = vi.fn();
    room.on('peerUpdated', updated);
    socket.receive({ type: 'peer-updated', peer: peer('bob', { audio: false, video: true }) });
    const bob = room.peers.get('bob')!;
    expect(bob.media).toEqual({ audio: false, video: true });
    expect(updated).toHaveBeenCalledExactlyOnceWith(bob);
  });

  it('peer-left closes the connection, stops their tracks and emits peerLeft with the reason', async () => {
    const { room, socket } = await joinRoom(['bob']);
    const bob = room.peers.get('bob')!;
    const track = new FakeTrack('audio');
    pcFor(0).fireTrack(track);
    const left = vi.fn();
    room.on('peerLeft', left);
    socket.receive({ type: 'peer-left', peerId: 'bob', reason: 'disconnected' });
    expect(left).toHaveBeenCalledExactlyOnceWith(bob, 'disconnected');
    expect(room.peers.size).toBe(0);
    expect(pcFor(0).closed).toBe(true);
    expect(track.readyState).toBe('ended');
    expect(bob.stream.getTracks()).toEqual([]);
  });

  it('setMedia mutes the local tracks in place, tells the server and updates self', async () => {
    const audio = new FakeTrack('audio');
    const video = new FakeTrack('video');
    const { room, socket } = await joinRoom(['bob'], new FakeMediaStream([audio, video]));
    room.setMedia({ audio: false, video: true });
    expect(audio.enabled).toBe(false);
    expect(video.enabled).toBe(true);
    expect(socket.last).toEqual({ type: 'media', audio: false, video: true });
    expect(room.self.media).toEqual({ audio: false, video: true });
    expect(pcFor(0).log.filter((entry) => entry.startsWith('set'))).not.toContain('setRemoteDescription:offer');
  });
});

describe('Room leave and close', () => {
  it('leave() sends leave, waits for left, then tears down; local tracks are left alone', async () => {
    const audio = new FakeTrack('audio');
    const { room, socket } = await joinRoom(['bob'], new FakeMediaStream([audio]));
    const closed = vi.fn();
    room.on('closed', closed);
    const leaving = room.leave();
    const again = room.leave();
    const request = await sentMessage(socket, 'leave');
    expect(closed).not.toHaveBeenCalled();
    socket.receive({ type: 'left', re: request.rid, room: 'standup' });
    await Promise.all([leaving, again]);
    expect(closed).toHaveBeenCalledOnce();
    expect(room.closed).toBe(true);
    expect(room.peers.size).toBe(0);
    expect(pcFor(0).closed).toBe(true);
    expect(audio.readyState).toBe('live');
    expect(socket.sent.filter((m) => m.type === 'leave')).toHaveLength(1);
    await room.leave();
  });

  it('close() is idempotent, tells the server once and removes every listener', async () => {
    const { room, socket } = await joinRoom(['bob']);
    const closed = vi.fn();
    const joinedPeers = vi.fn();
    room.on('closed', closed);
    room.on('peerJoined', joinedPeers);
    room.close();
    room.close();
    expect(closed).toHaveBeenCalledOnce();
    expect(socket.sent.filter((m) => m.type === 'leave')).toHaveLength(1);
    socket.receive({ type: 'peer-joined', peer: peer('zed') });
    expect(joinedPeers).not.toHaveBeenCalled();
  });
});
