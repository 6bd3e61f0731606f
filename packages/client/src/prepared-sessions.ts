import type { SignalData } from '@confab/protocol';
import type { Unsubscribe } from './emitter.js';
import { PeerSession, type PeerSessionOptions } from './peer-session.js';

/** Most prepared connections one side keeps at once (a lobby of a large room, a room's lobby visitors). */
export const MAX_PREPARED_SESSIONS = 64;

export interface PreparedSessionsOptions {
  /** Everything a PeerSession needs except the remote id; `prepared` is implied. */
  session: () => Omit<PeerSessionOptions, 'remoteId' | 'prepared'>;
  sendSignal: (to: string, data: SignalData) => void;
}

/**
 * Prepared connections (docs/join-latency.md, "prepared join"), by remote peer id: peer sessions
 * made before a join with no media (`PeerSession`'s `prepared` option), whose only listeners are
 * this map's own (signals out, a replaced remote connection). The lobby keeps one to each member
 * of the room it prepared in; a room keeps one to each lobby visitor. `take()` hands a session
 * over to the room that adopts it, without these listeners.
 */
export class PreparedSessions {
  private readonly sessions = new Map<string, { session: PeerSession; offs: Unsubscribe[] }>();

  constructor(private readonly options: PreparedSessionsOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  has(peerId: string): boolean {
    return this.sessions.has(peerId);
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /**
   * A new prepared connection to `peerId` (replacing any old one). `offer`: this side offers (the
   * lobby always does); otherwise it waits for the other side's offer (the room's side).
   */
  open(peerId: string, { offer }: { offer: boolean }): PeerSession | undefined {
    this.drop(peerId);
    if (this.sessions.size >= MAX_PREPARED_SESSIONS) return undefined;
    const session = new PeerSession({ ...this.options.session(), remoteId: peerId, prepared: true });
    const offs = [
      session.on('signal', (data) => this.options.sendSignal(peerId, data)),
      // The other side rebuilt its end: a fresh prepared connection answers the new offer.
      session.on('remoteReplaced', (first) => this.open(peerId, { offer: false })?.handleSignal(first)),
    ];
    this.sessions.set(peerId, { session, offs });
    if (offer) session.offerLocalMedia();
    return session;
  }

  /** Passes a signal to the prepared connection of `from`; false when there is none. */
  handleSignal(from: string, data: SignalData): boolean {
    const entry = this.sessions.get(from);
    if (!entry) return false;
    entry.session.handleSignal(data);
    return true;
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    for (const { session } of this.sessions.values()) session.setIceServers(iceServers);
  }

  /** The hinted camera changed: every connection's blank picture and first encoding follow it. */
  refreshVideo(): void {
    for (const { session } of this.sessions.values()) void session.refreshPreparedVideo();
  }

  /** Hands the session over (without this map's listeners); undefined when there is none. */
  take(peerId: string): PeerSession | undefined {
    const entry = this.sessions.get(peerId);
    if (!entry) return undefined;
    this.sessions.delete(peerId);
    for (const off of entry.offs) off();
    return entry.session;
  }

  /** Closes the prepared connection to `peerId`, if any. */
  drop(peerId: string): void {
    this.take(peerId)?.close();
  }

  close(): void {
    for (const peerId of this.ids()) this.drop(peerId);
  }
}
