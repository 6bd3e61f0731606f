import type { ClientMessage, PeerInfo } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { fakeWebSocketClass, type FakeWebSocket } from '../test/fake-web-socket.js';
import { joined, peer } from '../test/messages.js';
import { acceptOn, GRACE_MS, resumeWelcome, settle } from '../test/reconnect.js';
import type { ConfabClient } from './client.js';
import { connect } from './connect.js';
import type { Room } from './room.js';

const URL = 'ws://confab.test/ws';

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  FakePeerConnection.instances = [];
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const sdp = (session: string) => `v=0\r\no=- ${session} 2 IN IP4 127.0.0.1\r\ns=-\r\n`;

function sentOn<T extends ClientMessage['type']>(socket: FakeWebSocket, type: T): Extract<ClientMessage, { type: T }>[] {
  return socket.sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
}

/** Ann in room "standup" (password "pw") with `peers`, over fake sockets; the test plays the server. */
async function annInRoom(peers: PeerInfo[]) {
  const { WebSocket, sockets } = fakeWebSocketClass();
  const connecting = connect(URL, { WebSocket, persistResume: false });
  await acceptOn(sockets[0]!, (rid) => resumeWelcome(rid, 'ann', 't1'));
  const client = await connecting;
  const stream = new FakeMediaStream([new FakeTrack('audio'), new FakeTrack('video')]);
  const joining = client.join('standup', 'Ann', stream as unknown as MediaStream, { password: 'pw' });
  await settle();
  const join = sentOn(sockets[0]!, 'join')[0]!;
  sockets[0]!.receive(joined(join.rid, { peers, hasPassword: true }));
  const room = await joining;
  await vi.advanceTimersByTimeAsync(1); // the newcomer's offers (negotiationneeded)
  const states: string[] = [];
  client.on('state', (state) => states.push(state));
  const pcOf = new Map(peers.map((p, i) => [p.id, FakePeerConnection.instances[i]!]));
  return { client, room, sockets, states, pcOf };
}

/** Drops the current socket and welcomes the next attempt with `answer`. */
async function dropAndResume(sockets: FakeWebSocket[], answer: (rid: string | undefined) => unknown | unknown[]) {
  sockets.at(-1)!.serverClose(1006);
  await vi.advanceTimersByTimeAsync(1);
  const socket = sockets.at(-1)!;
  await acceptOn(socket, answer);
  return socket;
}

async function answerRejoin(socket: FakeWebSocket, fields: Parameters<typeof joined>[1]) {
  const join = sentOn(socket, 'join')[0];
  if (!join) throw new Error('no join sent');
  socket.receive(joined(join.rid, { hasPassword: true, ...fields }));
  await settle();
  return join;
}

function closeAll(client: ConfabClient, room: Room): void {
  room.close();
  client.close();
}

describe('resume with the seat kept', () => {
  it('the client is reconnecting, then open; nothing is re-joined and the peer connection is untouched', async () => {
    const { client, room, sockets, states, pcOf } = await annInRoom([peer('bob')]);
    sockets[0]!.serverClose(1006);
    expect(client.state).toBe('reconnecting');
    expect(room.closed).toBe(false);
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat', room: 'standup' }));
    expect(states).toEqual(['reconnecting', 'open']);
    expect(sentOn(socket, 'join')).toHaveLength(0);
    expect(pcOf.get('bob')!.closed).toBe(false);
    expect(FakePeerConnection.instances).toHaveLength(1);
    expect(client.peerId).toBe('ann');
    closeAll(client, room);
  });

  it('signals and the media state sent during the drop go out after the resume, in order', async () => {
    const { client, room, sockets } = await annInRoom([peer('bob')]);
    sockets[0]!.serverClose(1006);
    const pc = FakePeerConnection.instances[0]!;
    pc.onicecandidate?.({ candidate: { candidate: 'c1', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } });
    room.setMedia({ audio: false, video: true });
    room.setMedia({ audio: false, video: false });
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat', room: 'standup' }));
    const after = socket.sent.filter((m) => m.type !== 'hello');
    expect(after).toEqual([
      { type: 'signal', to: 'bob', data: { candidate: { candidate: 'c1', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } } },
      { type: 'media', audio: false, video: false },
    ]);
    closeAll(client, room);
  });

  it('an ICE restart needed while signaling is down waits for the resume', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob')]);
    const pc = pcOf.get('bob')!;
    pc.setConnectionState('connected');
    sockets[0]!.serverClose(1006);
    pc.setConnectionState('failed');
    expect(pc.log).not.toContain('restartIce');
    await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat', room: 'standup' }));
    expect(pc.log).toContain('restartIce');
    closeAll(client, room);
  });

  it('a room left during the drop is left at the server once the seat is resumed', async () => {
    const { client, room, sockets } = await annInRoom([peer('bob')]);
    sockets[0]!.serverClose(1006);
    await room.leave();
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat', room: 'standup' }));
    expect(sentOn(socket, 'leave')).toHaveLength(1);
    expect(sentOn(socket, 'join')).toHaveLength(0);
    client.close();
  });
});

describe('resume with the id kept (the server restarted)', () => {
  it('joins again with the same name, media and password, and keeps working peer connections', async () => {
    const { client, room, sockets, states, pcOf } = await annInRoom([peer('bob')]);
    room.setMedia({ audio: false, video: true });
    const peerJoined = vi.fn();
    const peerLeft = vi.fn();
    room.on('peerJoined', peerJoined);
    room.on('peerLeft', peerLeft);
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    expect(client.state).toBe('reconnecting');
    const join = await answerRejoin(socket, { self: peer('ann', { audio: false, video: true }), peers: [peer('bob')] });
    expect(join).toMatchObject({ room: 'standup', name: room.self.name, media: { audio: false, video: true }, password: 'pw' });
    expect(states).toEqual(['reconnecting', 'open']);
    expect(pcOf.get('bob')!.closed).toBe(false);
    expect(FakePeerConnection.instances).toHaveLength(1);
    expect([...room.peers.keys()]).toEqual(['bob']);
    expect(peerJoined).not.toHaveBeenCalled();
    expect(peerLeft).not.toHaveBeenCalled();
    closeAll(client, room);
  });

  it('someone new offered to; someone missing is kept while they may come back, and kept when they do', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob'), peer('carol')]);
    const peerLeft = vi.fn();
    room.on('peerLeft', peerLeft);
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    await answerRejoin(socket, { peers: [peer('bob'), peer('dave')] });
    await vi.advanceTimersByTimeAsync(1);
    const davePc = FakePeerConnection.instances[2]!;
    expect(davePc.log.slice(0, 2)).toEqual(['addTransceiver:audio:sendrecv', 'addTransceiver:video:sendrecv']);
    expect(sentOn(socket, 'signal').filter((m) => m.to === 'dave')[0]?.data).toMatchObject({ description: { type: 'offer' } });
    expect([...room.peers.keys()]).toEqual(['bob', 'carol', 'dave']);

    await vi.advanceTimersByTimeAsync(GRACE_MS / 2);
    socket.receive({ type: 'peer-joined', peer: peer('carol') });
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(peerLeft).not.toHaveBeenCalled();
    expect(pcOf.get('carol')!.closed).toBe(false);
    expect(FakePeerConnection.instances).toHaveLength(3);
    closeAll(client, room);
  });

  it('someone missing who does not come back within the grace period is dropped', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob'), peer('carol')]);
    const peerLeft = vi.fn();
    room.on('peerLeft', peerLeft);
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    await answerRejoin(socket, { peers: [peer('bob')] });
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(peerLeft).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(peerLeft).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'carol' }), 'disconnected');
    expect(pcOf.get('carol')!.closed).toBe(true);
    expect(pcOf.get('bob')!.closed).toBe(false);
    closeAll(client, room);
  });

  it('away longer than the grace period: the others were told we left, so connections are rebuilt, by us', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob')]);
    const bobBefore = room.peers.get('bob');
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(1);
    vi.setSystemTime(Date.now() + GRACE_MS + 5_000);
    await acceptOn(sockets.at(-1)!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    await answerRejoin(sockets.at(-1)!, { peers: [peer('bob')] });
    await vi.advanceTimersByTimeAsync(1);
    expect(pcOf.get('bob')!.closed).toBe(true);
    const rebuilt = FakePeerConnection.instances[1]!;
    expect(rebuilt.log).toContain('setLocalDescription:offer');
    expect(room.peers.get('bob')).toBe(bobBefore);
    closeAll(client, room);
  });

  it('a rejoin the server refuses (ROOM_FULL) closes the room and reports the error; the client stays open', async () => {
    const { client, room, sockets } = await annInRoom([peer('bob')]);
    const errors = vi.fn();
    client.on('error', errors);
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    const join = sentOn(socket, 'join')[0]!;
    socket.receive({ type: 'error', code: 'ROOM_FULL', message: 'full', re: { type: 'join', rid: join.rid } });
    await settle();
    expect(room.closed).toBe(true);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'ROOM_FULL' }));
    expect(client.state).toBe('open');
    client.close();
  });

  it('a drop during the rejoin is survived: the next welcome joins again', async () => {
    const { client, room, sockets } = await annInRoom([peer('bob')]);
    await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't3', { resumed: 'id' }));
    expect(client.state).toBe('reconnecting');
    await answerRejoin(socket, { peers: [peer('bob')] });
    expect(client.state).toBe('open');
    expect(room.closed).toBe(false);
    closeAll(client, room);
  });
});

describe('resume refused (RESUME_FAILED)', () => {
  it('joins again as a newcomer under the new id; old connections are rebuilt, tiles kept, the missing dropped', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob'), peer('carol')]);
    const bobBefore = room.peers.get('bob');
    const peerLeft = vi.fn();
    room.on('peerLeft', peerLeft);
    sockets[0]!.serverClose(1006);
    room.setMedia({ audio: false, video: true });
    pcOf.get('bob')!.onicecandidate?.({ candidate: { candidate: 'stale', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } });
    await vi.advanceTimersByTimeAsync(1);
    const socket = sockets.at(-1)!;
    await acceptOn(socket, (rid) => [
      { type: 'error', code: 'RESUME_FAILED', message: 'no', re: { type: 'hello', rid } },
      resumeWelcome(rid, 'aaron', 'n1'),
    ]);
    const join = await answerRejoin(socket, { self: peer('aaron', { audio: false, video: true }), peers: [peer('bob')] });
    await vi.advanceTimersByTimeAsync(1);
    expect(join.media).toEqual({ audio: false, video: true });
    expect(client.peerId).toBe('aaron');
    expect(room.self.id).toBe('aaron');
    expect(pcOf.get('bob')!.closed).toBe(true);
    expect(room.peers.get('bob')).toBe(bobBefore);
    expect(FakePeerConnection.instances.at(-1)!.log).toContain('setLocalDescription:offer');
    expect(peerLeft).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'carol' }), 'disconnected');
    // The outbox of the old session is gone: its signals belonged to connections that no longer exist.
    expect(socket.sent.some((m) => m.type === 'signal' && 'candidate' in m.data && m.data.candidate?.candidate === 'stale')).toBe(false);
    closeAll(client, room);
  });
});

describe('a peer that rebuilt its end', () => {
  it('an offer from a new peer connection replaces the session; late offers from the old one are ignored', async () => {
    const { client, room, sockets, pcOf } = await annInRoom([peer('bob')]);
    const socket = sockets[0]!;
    socket.receive({ type: 'signal', from: 'bob', data: { description: { type: 'answer', sdp: sdp('111') } } });
    await settle();
    const bobBefore = room.peers.get('bob');
    socket.receive({ type: 'signal', from: 'bob', data: { description: { type: 'offer', sdp: sdp('222') } } });
    socket.receive({ type: 'signal', from: 'bob', data: { candidate: { candidate: 'fresh', sdpMid: '0', sdpMLineIndex: 0 } } });
    await settle();
    expect(pcOf.get('bob')!.closed).toBe(true);
    const next = FakePeerConnection.instances[1]!;
    expect(next.log).toEqual(['setRemoteDescription:offer', 'setLocalDescription:answer', 'addIceCandidate:fresh']);
    expect(room.peers.get('bob')).toBe(bobBefore);

    socket.receive({ type: 'signal', from: 'bob', data: { description: { type: 'offer', sdp: sdp('111') } } });
    await settle();
    expect(next.log.filter((l) => l.startsWith('setRemoteDescription'))).toHaveLength(1);
    expect(FakePeerConnection.instances).toHaveLength(2);
    closeAll(client, room);
  });
});

describe('a prepared lobby and a dropped connection', () => {
  it('the preparation ends with the drop (prepareEnded: reconnecting) and can be made again once open', async () => {
    const { WebSocket, sockets } = fakeWebSocketClass();
    const connecting = connect(URL, { WebSocket, persistResume: false });
    await acceptOn(sockets[0]!, (rid) => resumeWelcome(rid, 'ann', 't1'));
    const client = await connecting;
    const preparing = client.prepare('standup', 'Ann');
    await settle();
    const prepare = sentOn(sockets[0]!, 'prepare')[0]!;
    sockets[0]!.receive({ type: 'prepared', re: prepare.rid, room: 'standup', peers: [peer('bob')], maxPeers: 4 });
    await preparing;
    const ended: string[] = [];
    client.on('prepareEnded', (reason) => ended.push(reason));

    const socket = await dropAndResume(sockets, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    expect(ended).toEqual(['reconnecting']);
    expect(client.prepared).toBeUndefined();
    expect(FakePeerConnection.instances[0]?.closed).toBe(true);

    const again = client.prepare('standup', 'Ann');
    await settle();
    const second = sentOn(socket, 'prepare')[0]!;
    socket.receive({ type: 'prepared', re: second.rid, room: 'standup', peers: [peer('bob')], maxPeers: 4 });
    await again;
    expect(client.prepared?.room).toBe('standup');
    expect(FakePeerConnection.instances).toHaveLength(2);
    client.close();
  });
});
