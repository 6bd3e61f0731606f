import type { MediaState, PeerInfo } from '@confab/protocol';
import { planRejoin, REJOIN_AWAIT_MS, type RejoinOptions } from './rejoin-plan.js';
import type { RoomPeers } from './room-peers.js';

/** What a room's rejoin needs of the room. */
export interface RoomRejoinHost {
  /** The people in the room and the connections to them: kept, rebuilt (offered by us) or added. */
  peers: {
    readonly byId: ReadonlyMap<string, { readonly name: string; readonly media: MediaState }>;
    session(peerId: string): { handlePeerReturned(): void } | undefined;
  } & Pick<RoomPeers, 'replace' | 'add'>;
  /** Their name or media changed meanwhile (`peerUpdated`). */
  updated(info: PeerInfo): void;
  /** Gone for good (`peerLeft`, `disconnected`). */
  gone(peerId: string): void;
}

/**
 * A room's side of a rejoin (docs/reliability.md): who was here when signaling went down and who
 * was announced since, reconciled with the room as the server rebuilt it (rejoin-plan.ts); peers
 * missing then get some time to come back before they count as gone.
 */
export class RoomRejoin {
  /** Peers we had when signaling went down, and ids announced since: what `handleRejoined()` reconciles. */
  private knownAtDown = new Set<string>();
  private readonly seenSinceDown = new Set<string>();
  /** Peers missing after a rejoin, kept until they are announced again or their time runs out. */
  private readonly awaiting = new Map<string, { timer: ReturnType<typeof setTimeout>; rebuild: boolean }>();

  constructor(private readonly host: RoomRejoinHost) {}

  /** Signaling went down: who is here now is noted. */
  handleSignalingDown(): void {
    this.knownAtDown = new Set(this.host.peers.byId.keys());
    this.seenSinceDown.clear();
  }

  /** Someone was announced (`peer-joined`). */
  handlePeerJoined(peerId: string): void {
    this.seenSinceDown.add(peerId);
  }

  /** Someone we still have a connection to is back (their reconnect, or a server restart). */
  handlePeerReturned(info: PeerInfo): void {
    this.update(info);
    const waited = this.awaiting.get(info.id);
    this.stopAwaiting(info.id);
    if (waited?.rebuild) this.rebuild(info.id);
    else this.keep(info.id);
  }

  /** Someone left: nobody waits for them any more. */
  handlePeerLeft(peerId: string): void {
    this.stopAwaiting(peerId);
  }

  /** The room was entered again (`peers`: as the server lists it); see `Room.handleRejoined()`. */
  handleRejoined(peers: readonly PeerInfo[], options: RejoinOptions & { awaitMs?: number }): void {
    const plan = planRejoin(this.knownAtDown, this.seenSinceDown, new Set(this.host.peers.byId.keys()), peers, options);
    this.knownAtDown = new Set();
    for (const info of peers) this.update(info);
    for (const id of plan.drop) this.host.gone(id);
    for (const id of plan.await) this.awaitReturn(id, options.rebuild || options.fresh, options.awaitMs ?? REJOIN_AWAIT_MS);
    for (const id of plan.keep) this.keep(id);
    for (const id of plan.rebuild) this.rebuild(id);
    for (const info of plan.add) this.host.peers.add(info, { offer: true, announce: true });
  }

  close(): void {
    for (const { timer } of this.awaiting.values()) clearTimeout(timer);
    this.awaiting.clear();
  }

  /** Tells the room of a change in name or media, if any. */
  private update(info: PeerInfo): void {
    const peer = this.host.peers.byId.get(info.id);
    const same = peer?.media.audio === info.media.audio && peer.media.video === info.media.video && peer.media.screen === info.media.screen;
    if (!peer || (peer.name === info.name && same)) return;
    this.host.updated(info);
  }

  /** Still connected: the connection stays (an offer they missed goes again). */
  private keep(peerId: string): void {
    this.host.peers.session(peerId)?.handlePeerReturned();
  }

  /** Their end of our connection is gone: a new connection, offered by us. */
  private rebuild(peerId: string): void {
    this.host.peers.replace(peerId, { offer: true });
  }

  private awaitReturn(peerId: string, rebuild: boolean, ms: number): void {
    this.stopAwaiting(peerId);
    const timer = setTimeout(() => {
      this.awaiting.delete(peerId);
      this.host.gone(peerId);
    }, ms);
    this.awaiting.set(peerId, { timer, rebuild });
  }

  private stopAwaiting(peerId: string): void {
    clearTimeout(this.awaiting.get(peerId)?.timer);
    this.awaiting.delete(peerId);
  }
}
