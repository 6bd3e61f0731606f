import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection } from '../test/fake-rtc.js';
import { joined, peer } from '../test/messages.js';
import { answer, connectedClient } from '../test/session.js';
import { ICE_DISCONNECTED_RESTART_MS } from './ice-restarter.js';
import { NETWORK_PROBE_TIMEOUT_MS } from './reconnecting-channel.js';

/** `client.checkConnection()`: what a page back from the background asks of the SDK. */

beforeEach(() => {
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

async function annWithBob() {
  const { client, socket } = await connectedClient('ann');
  const joining = client.join('standup', 'Ann', null);
  await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
  const room = await joining;
  return { client, socket, room, pc: FakePeerConnection.instances[0]! };
}

describe('client.checkConnection()', () => {
  it('a disconnected peer connection restarts ICE at once, not after ICE_DISCONNECTED_RESTART_MS', async () => {
    const { client, pc } = await annWithBob();
    vi.useFakeTimers();
    pc.setConnectionState('connected');
    pc.setConnectionState('disconnected');
    expect(pc.log).not.toContain('restartIce');
    client.checkConnection();
    expect(pc.log.filter((entry) => entry === 'restartIce')).toHaveLength(1);
    vi.advanceTimersByTime(ICE_DISCONNECTED_RESTART_MS);
    expect(pc.log.filter((entry) => entry === 'restartIce')).toHaveLength(1);
    client.close();
  });

  it('a connected call is left alone, and the signaling socket is probed with a ping', async () => {
    const { client, socket, pc } = await annWithBob();
    pc.setConnectionState('connected');
    client.checkConnection();
    expect(pc.log).not.toContain('restartIce');
    expect(socket.last).toMatchObject({ type: 'ping' });
    client.close();
  });

  it('a socket that does not answer the probe within NETWORK_PROBE_TIMEOUT_MS is given up: the client reconnects', async () => {
    const { client, room } = await annWithBob();
    vi.useFakeTimers();
    const states: string[] = [];
    client.on('state', (state) => states.push(state));
    client.checkConnection();
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS);
    expect(states).toEqual(['reconnecting']);
    // The room and its peer connections stay: only the socket is replaced.
    expect(room.closed).toBe(false);
    client.close();
  });

  it('does nothing once the client is closed', async () => {
    const { client, socket } = await annWithBob();
    client.close();
    const sent = socket.sent.length;
    client.checkConnection();
    expect(socket.sent).toHaveLength(sent);
  });
});
