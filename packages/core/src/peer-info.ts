import type { PeerInfo } from '@confab/protocol';
import type { Member } from './store.js';

/** The public view of a member: never its connection id. */
export function peerInfo(member: Member): PeerInfo {
  return { id: member.peerId, name: member.name, media: member.media };
}
