import type { PeerInfo, ServerMessageOf } from '@confab/protocol';

/** Server messages with sensible defaults, so tests state only what they are about. */

export const ICE_SERVERS = [{ urls: 'stun:stun.confab.test:3478' }];

export function welcome(re: string | undefined, peerId = 'ann', heartbeatMs = 5_000): ServerMessageOf<'welcome'> {
  return { type: 'welcome', ...(re ? { re } : {}), v: 1, peerId, iceServers: ICE_SERVERS, heartbeatMs };
}

export function peer(id: string, media = { audio: true, video: true }): PeerInfo {
  return { id, name: id.toUpperCase(), media };
}

export function joined(
  re: string | undefined,
  fields: { room?: string; self?: PeerInfo; peers?: PeerInfo[]; maxPeers?: number; hasPassword?: boolean } = {},
): ServerMessageOf<'joined'> {
  return {
    type: 'joined',
    ...(re ? { re } : {}),
    room: fields.room ?? 'standup',
    self: fields.self ?? peer('ann'),
    peers: fields.peers ?? [],
    maxPeers: fields.maxPeers ?? 4,
    hasPassword: fields.hasPassword ?? false,
  };
}
