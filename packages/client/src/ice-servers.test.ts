import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../test/fake-rtc.js';
import { useFakeRtc } from '../test/fake-rtc-env.js';
import { fakeWebSocketClass } from '../test/fake-web-socket.js';
import { ICE_SERVERS, joined, peer, welcome } from '../test/messages.js';
import { answer, connectedClient } from '../test/session.js';
import { connect } from './connect.js';

/** TURN credential refresh (`ice-servers`), the ICE transport policy, and the route of each peer. */

useFakeRtc();

afterEach(() => {
  vi.useRealTimers();
});

const FRESH = [{ urls: 'turn:turn.confab.test:3478', username: '1893456999:ann', credential: 'fresh' }];

async function inRoomWith(peers: string[], options: { iceTransportPolicy?: RTCIceTransportPolicy } = {}) {
  const { client, socket } = await connectedClient('ann');
  const joining = client.join('standup', 'Ann', null, options);
  await answer(socket, 'join', (rid) => joined(rid, { peers: peers.map((id) => peer(id)) }));
  return { client, socket, room: await joining };
}

describe('ice-servers', () => {
  it('replaces the ICE servers of every open peer connection, keeping the rest of its configuration', async () => {
    const { client, socket } = await inRoomWith(['bob', 'cat'], { iceTransportPolicy: 'relay' });
    const seen: RTCIceServer[][] = [];
    client.on('iceServers', (servers) => seen.push(servers));
    socket.receive({ type: 'ice-servers', iceServers: FRESH });
    expect(FakePeerConnection.instances).toHaveLength(2);
    for (const pc of FakePeerConnection.instances) {
      expect(pc.config).toEqual({ iceServers: FRESH, iceTransportPolicy: 'relay' });
      // No ICE restart: the call keeps its path.
      expect(pc.log).not.toContain('restartIce');
    }
    expect(client.iceServers).toEqual(FRESH);
    expect(seen).toEqual([FRESH]);
    client.close();
  });

  it('gives the new servers to connections made later, in this room and the next', async () => {
    const { client, socket, room } = await inRoomWith([]);
    socket.receive({ type: 'ice-servers', iceServers: FRESH });
    room.handlePeerJoined(peer('bob'));
    expect(FakePeerConnection.instances[0]!.config.iceServers).toEqual(FRESH);
    client.close();
  });

  it('before a refresh, connections use the servers from welcome', async () => {
    const { client } = await inRoomWith(['bob']);
    expect(FakePeerConnection.instances[0]!.config).toEqual({ iceServers: ICE_SERVERS });
    client.close();
  });
});

describe('ICE transport policy', () => {
  async function clientWithPolicy(policy: 'all' | 'relay' | undefined) {
    const { WebSocket, sockets } = fakeWebSocketClass();
    const connecting = connect('ws://confab.test/ws', { WebSocket });
    const socket = sockets[0]!;
    socket.open();
    await answer(socket, 'hello', (rid) => ({ ...welcome(rid), ...(policy ? { iceTransportPolicy: policy } : {}) }));
    return { client: await connecting, socket };
  }

  it('defaults to the policy in welcome', async () => {
    const { client, socket } = await clientWithPolicy('relay');
    expect(client.iceTransportPolicy).toBe('relay');
    const joining = client.join('standup', 'Ann', null);
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    const room = await joining;
    expect(room.iceTransportPolicy).toBe('relay');
    expect(FakePeerConnection.instances[0]!.config.iceTransportPolicy).toBe('relay');
    client.close();
  });

  it('is "all" when welcome names none, and a join can ask for relay only (hide my IP)', async () => {
    const { client, socket } = await clientWithPolicy(undefined);
    expect(client.iceTransportPolicy).toBe('all');
    const joining = client.join('standup', 'Ann', null, { iceTransportPolicy: 'relay' });
    await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
    expect((await joining).iceTransportPolicy).toBe('relay');
    expect(FakePeerConnection.instances[0]!.config.iceTransportPolicy).toBe('relay');
    client.close();
  });
});

describe('route', () => {
  function relayedStats(): Map<string, unknown> {
    return new Map<string, unknown>([
      ['T', { type: 'transport', selectedCandidatePairId: 'P' }],
      ['P', { type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L', remoteCandidateId: 'R' }],
      ['L', { type: 'local-candidate', candidateType: 'relay' }],
      ['R', { type: 'remote-candidate', candidateType: 'host' }],
    ]);
  }

  it('a connected peer gets a route from stats, reported with peerRoute; a failed one goes back to unknown', async () => {
    const { client, room } = await inRoomWith(['bob']);
    const pc = FakePeerConnection.instances[0]!;
    pc.stats = relayedStats();
    const bob = room.peers.get('bob')!;
    const routes: string[] = [];
    room.on('peerRoute', (p, route) => routes.push(`${p.id}:${route}`));
    expect(bob.route).toBe('unknown');
    pc.setConnectionState('connected');
    await vi.waitFor(() => expect(bob.route).toBe('relayed'));
    pc.setConnectionState('failed');
    expect(bob.route).toBe('unknown');
    expect(routes).toEqual(['bob:relayed', 'bob:unknown']);
    client.close();
  });
});
