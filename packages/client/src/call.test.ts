import { describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeTrack } from '../test/fake-rtc.js';
import { useFakeRtc } from '../test/fake-rtc-env.js';
import type { FakeWebSocket } from '../test/fake-web-socket.js';
import { callAccepted, callEnded, dpeer, incomingCall, online, refusal, ringing } from '../test/directory-messages.js';
import { joined, peer } from '../test/messages.js';
import { answer, connectedClient, sentMessage } from '../test/session.js';
import type { Call, OutgoingCall } from './call.js';
import type { ConfabClient } from './client.js';
import type { Directory } from './directory.js';
import type { Room } from './room.js';

useFakeRtc();

const camera = () => new FakeMediaStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;

interface Setup {
  client: ConfabClient;
  socket: FakeWebSocket;
  directory: Directory;
}

async function onlineAnn(): Promise<Setup> {
  const { client, socket } = await connectedClient('ann');
  const directory = await online(client, socket, [dpeer('bob')]);
  return { client, socket, directory };
}

/** Ann calls Bob and the server rings him. */
async function annRingsBob(setup: Setup, stream: MediaStream | null = null): Promise<OutgoingCall> {
  const calling = setup.directory.call('bob', stream);
  await answer(setup.socket, 'invite', (rid) => ringing(rid, 'c1', dpeer('bob')));
  return calling;
}

/** The server says the call is accepted; Ann joins its room, and the room is answered with `peers`. */
async function acceptedAndJoined(setup: Setup, call: Call, re?: string, peers = [peer('bob')]): Promise<Room> {
  const entered = new Promise<Room>((resolve) => call.once('room', resolve));
  setup.socket.receive(callAccepted(re, call.id, dpeer('bob')));
  await answer(setup.socket, 'join', (rid) => joined(rid, { room: `call_${call.id}`, self: peer('ann'), peers }));
  return entered;
}

const sentOf = (socket: FakeWebSocket, type: string) => socket.sent.filter((m) => m.type === type);

describe('an outgoing call', () => {
  it('call() sends invite and resolves a ringing call, which becomes the current call', async () => {
    const setup = await onlineAnn();
    const onCall = vi.fn();
    setup.directory.on('call', onCall);
    const call = await annRingsBob(setup);
    expect(sentOf(setup.socket, 'invite')[0]).toMatchObject({ to: 'bob' });
    expect(call.state).toBe('ringing');
    expect(call.direction).toBe('outgoing');
    expect(call.id).toBe('c1');
    expect(call.peer.name).toBe('Bob');
    expect(setup.directory.currentCall).toBe(call);
    expect(onCall).toHaveBeenCalledWith(call);
  });

  it('a busy callee: call() resolves a call already ended with busy, and callEnded fires', async () => {
    const setup = await onlineAnn();
    const callEndedSpy = vi.fn();
    setup.directory.on('callEnded', callEndedSpy);
    const calling = setup.directory.call('bob', null);
    await answer(setup.socket, 'invite', (rid) => callEnded('c1', 'busy', { re: rid }));
    const call = await calling;
    expect(call.state).toBe('ended');
    expect(call.endReason).toBe('busy');
    expect(call.peer.name).toBe('Bob');
    expect(setup.directory.currentCall).toBeUndefined();
    expect(callEndedSpy).toHaveBeenCalledWith(call, 'busy', undefined);
  });

  it('call() rejects with the server refusal (CALLEE_NOT_FOUND) and the next call can go out', async () => {
    const setup = await onlineAnn();
    const calling = setup.directory.call('zed', null);
    await answer(setup.socket, 'invite', (rid) => refusal('CALLEE_NOT_FOUND', 'invite', rid));
    await expect(calling).rejects.toMatchObject({ code: 'CALLEE_NOT_FOUND' });
    const next = setup.directory.call('bob', null);
    await answer(setup.socket, 'invite', (rid) => ringing(rid, 'c2', dpeer('bob')), 2);
    expect((await next).state).toBe('ringing');
  });

  it('calling yourself, or a second call while one rings, is refused without asking the server', async () => {
    const setup = await onlineAnn();
    await expect(setup.directory.call('ann', null)).rejects.toMatchObject({ code: 'CALL_SELF' });
    await annRingsBob(setup);
    await expect(setup.directory.call('bob', null)).rejects.toMatchObject({ code: 'ALREADY_IN_CALL' });
    expect(sentOf(setup.socket, 'invite')).toHaveLength(1);
  });

  it('declined by the callee: ended fires once with declined by the peer, and the call is forgotten', async () => {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    const ended = vi.fn();
    const state = vi.fn();
    call.on('ended', ended);
    call.on('state', state);
    setup.socket.receive(callEnded('c1', 'declined', { by: 'bob' }));
    setup.socket.receive(callEnded('c1', 'declined', { by: 'bob' }));
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith('declined', 'peer');
    expect(state).toHaveBeenCalledWith('ended');
    expect(call.state).toBe('ended');
    expect(call.endedBy).toBe('peer');
    expect(setup.directory.currentCall).toBeUndefined();
  });

  it('no answer within the ring timeout ends the call with no-answer, by nobody', async () => {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    setup.socket.receive(callEnded('c1', 'no-answer'));
    expect(call.endReason).toBe('no-answer');
    expect(call.endedBy).toBeUndefined();
  });

  it('cancel() while ringing sends cancel and ends the call at once; cancelling again sends nothing', async () => {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    const ended = vi.fn();
    call.on('ended', ended);
    call.cancel();
    call.cancel();
    call.hangup();
    expect(sentOf(setup.socket, 'cancel')).toEqual([expect.objectContaining({ callId: 'c1' })]);
    expect(sentOf(setup.socket, 'hangup')).toHaveLength(0);
    expect(ended).toHaveBeenCalledWith('cancelled', 'self');
    expect(setup.directory.currentCall).toBeUndefined();
    // The server's confirmation changes nothing.
    setup.socket.receive(callEnded('c1', 'cancelled', { by: 'ann' }));
    expect(call.endReason).toBe('cancelled');
  });

  it('accepted a moment after it was cancelled here: the SDK hangs it up on the server', async () => {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    call.cancel();
    setup.socket.receive(callAccepted(undefined, 'c1', dpeer('bob')));
    expect(sentOf(setup.socket, 'hangup')).toEqual([expect.objectContaining({ callId: 'c1' })]);
    expect(sentOf(setup.socket, 'join')).toHaveLength(0);
  });

  it('accepted: the call goes active and joins its private room with the directory name and the local stream', async () => {
    const setup = await onlineAnn();
    const stream = camera();
    const call = await annRingsBob(setup, stream);
    const states: string[] = [];
    call.on('state', (s) => states.push(s));
    const room = await acceptedAndJoined(setup, call);
    const join = await sentMessage(setup.socket, 'join');
    expect(join).toMatchObject({ room: 'call_c1', name: 'Ann', media: { audio: true, video: true } });
    expect(states).toEqual(['active']);
    expect(call.state).toBe('active');
    expect(call.room).toBe(room);
    expect(room.localStream).toBe(stream);
    expect(setup.client.room).toBe(room);
  });
});

describe('an active call', () => {
  async function activeCall(): Promise<Setup & { call: OutgoingCall; room: Room }> {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    const room = await acceptedAndJoined(setup, call);
    return { ...setup, call, room };
  }

  it('hangup() sends hangup, leaves the room and ends the call hung-up by self', async () => {
    const { socket, call, room, directory } = await activeCall();
    const ended = vi.fn();
    call.on('ended', ended);
    call.hangup();
    call.hangup();
    expect(sentOf(socket, 'hangup')).toEqual([expect.objectContaining({ callId: 'c1' })]);
    expect(sentOf(socket, 'leave')).toHaveLength(1);
    expect(room.closed).toBe(true);
    expect(call.room).toBeUndefined();
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith('hung-up', 'self');
    expect(directory.currentCall).toBeUndefined();
  });

  it('the other side hangs up: the room closes and the call ends hung-up by the peer', async () => {
    const { socket, call, room } = await activeCall();
    const ended = vi.fn();
    call.on('ended', ended);
    socket.receive(callEnded('c1', 'hung-up', { by: 'bob' }));
    expect(ended).toHaveBeenCalledWith('hung-up', 'peer');
    expect(room.closed).toBe(true);
    expect(sentOf(socket, 'leave')).toHaveLength(1);
    expect(sentOf(socket, 'hangup')).toHaveLength(0);
  });

  it('the other side leaves the call room (a closed tab): the call ends and the server is told', async () => {
    const { socket, call } = await activeCall();
    socket.receive({ type: 'peer-left', peerId: 'bob', reason: 'disconnected' });
    expect(call.endReason).toBe('offline');
    expect(call.endedBy).toBe('peer');
    expect(sentOf(socket, 'hangup')).toHaveLength(1);
  });

  it('a dropped connection ends the call with disconnected and closes the room', async () => {
    const { socket, call, room, directory } = await activeCall();
    const order: string[] = [];
    call.on('ended', (reason) => order.push(`call ended: ${reason}`));
    directory.on('callEnded', () => order.push('directory callEnded'));
    directory.on('closed', () => order.push('directory closed'));
    socket.serverClose(1006);
    expect(order).toEqual(['call ended: disconnected', 'directory callEnded', 'directory closed']);
    expect(room.closed).toBe(true);
  });

  it('closing the client on purpose (the tab is going away) hangs up first, so the other side knows at once', async () => {
    const { client, socket, call } = await activeCall();
    client.close();
    expect(call.endReason).toBe('disconnected');
    const types = socket.sent.map((m) => m.type);
    expect(types.indexOf('hangup')).toBeGreaterThan(-1);
    expect(types.indexOf('hangup')).toBeLessThan(types.lastIndexOf('leave'));
  });

  it('going offline ends the call (offline, by self) before the directory closes', async () => {
    const { client, socket, call, room } = await activeCall();
    client.goOffline();
    expect(call.endReason).toBe('offline');
    expect(call.endedBy).toBe('self');
    expect(room.closed).toBe(true);
    expect(sentOf(socket, 'offline')).toHaveLength(1);
  });

  it('ended while the room was still being joined: the room is closed as soon as the join answers', async () => {
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    const roomEvent = vi.fn();
    call.on('room', roomEvent);
    setup.socket.receive(callAccepted(undefined, 'c1', dpeer('bob')));
    const join = await sentMessage(setup.socket, 'join');
    setup.socket.receive(callEnded('c1', 'hung-up', { by: 'bob' }));
    setup.socket.receive(joined(join.rid, { room: 'call_c1', self: peer('ann') }));
    await vi.waitFor(() => expect(sentOf(setup.socket, 'leave')).toHaveLength(1));
    expect(roomEvent).not.toHaveBeenCalled();
    expect(setup.client.room).toBeUndefined();
  });

  it('a call room that cannot be joined ends the call with failed and hangs up on the server', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const setup = await onlineAnn();
    const call = await annRingsBob(setup);
    const ended = new Promise<string>((resolve) => call.once('ended', resolve));
    setup.socket.receive(callAccepted(undefined, 'c1', dpeer('bob')));
    await answer(setup.socket, 'join', (rid) => refusal('ROOM_NOT_ALLOWED', 'join', rid));
    expect(await ended).toBe('failed');
    expect(sentOf(setup.socket, 'hangup')).toHaveLength(1);
    expect(warn).toHaveBeenCalled();
  });
});

describe('an incoming call', () => {
  async function bobCallsAnn(): Promise<Setup & { call: Call & { accept(s: MediaStream | null): Promise<Room>; decline(): void } }> {
    const setup = await onlineAnn();
    const incoming = new Promise<Call>((resolve) => setup.directory.once('incoming', resolve));
    setup.socket.receive(incomingCall('c9', dpeer('bob')));
    const call = (await incoming) as Call & { accept(s: MediaStream | null): Promise<Room>; decline(): void };
    return { ...setup, call };
  }

  it('incoming-call fires incoming with a call in state incoming, from the caller', async () => {
    const { call, directory } = await bobCallsAnn();
    expect(call.state).toBe('incoming');
    expect(call.direction).toBe('incoming');
    expect(call.peer.name).toBe('Bob');
    expect(directory.currentCall).toBe(call);
  });

  it('accept() sends accept, then joins the room of call-accepted and resolves with it', async () => {
    const setup = await bobCallsAnn();
    const stream = camera();
    const accepting = setup.call.accept(stream);
    expect(setup.call.accept(stream)).toBe(accepting);
    const accept = await sentMessage(setup.socket, 'accept');
    expect(accept).toMatchObject({ callId: 'c9' });
    const room = await acceptedAndJoined(setup, setup.call, accept.rid, []);
    expect(await accepting).toBe(room);
    expect(setup.call.state).toBe('active');
    expect(room.localStream).toBe(stream);
  });

  it('decline() sends decline and ends the call declined by self', async () => {
    const { socket, call } = await bobCallsAnn();
    const ended = vi.fn();
    call.on('ended', ended);
    call.decline();
    call.decline();
    expect(sentOf(socket, 'decline')).toEqual([expect.objectContaining({ callId: 'c9' })]);
    expect(ended).toHaveBeenCalledWith('declined', 'self');
  });

  it('the caller cancels: the call ends cancelled by the peer, and accepting then rejects with CALL_ENDED', async () => {
    const { socket, call } = await bobCallsAnn();
    socket.receive(callEnded('c9', 'cancelled', { by: 'bob' }));
    expect(call.endReason).toBe('cancelled');
    expect(call.endedBy).toBe('peer');
    await expect(call.accept(null)).rejects.toMatchObject({ code: 'CALL_ENDED' });
    expect(sentOf(socket, 'accept')).toHaveLength(0);
  });

  it('the caller cancels while the accept is on its way: accept() rejects with CALL_ENDED', async () => {
    const { socket, call } = await bobCallsAnn();
    const accepting = call.accept(null);
    await sentMessage(socket, 'accept');
    socket.receive(callEnded('c9', 'cancelled', { by: 'bob' }));
    await expect(accepting).rejects.toMatchObject({ code: 'CALL_ENDED' });
  });

  it('an accept the server refuses (CALL_STATE) rejects with that error and ends the call', async () => {
    const { socket, call } = await bobCallsAnn();
    const accepting = call.accept(null);
    await answer(socket, 'accept', (rid) => refusal('CALL_STATE', 'accept', rid));
    await expect(accepting).rejects.toMatchObject({ code: 'CALL_STATE' });
    expect(call.state).toBe('ended');
  });

  it('a second incoming call while one is in progress is declined for you', async () => {
    const { socket, directory, call } = await bobCallsAnn();
    const incoming = vi.fn();
    directory.on('incoming', incoming);
    socket.receive(incomingCall('c10', dpeer('cat')));
    expect(incoming).not.toHaveBeenCalled();
    expect(directory.currentCall).toBe(call);
    expect(sentOf(socket, 'decline')).toEqual([expect.objectContaining({ callId: 'c10' })]);
  });
});
