import type { MessageKey } from '../i18n/messages.js';
import type { PeerView } from './peer-views.js';

/**
 * How long a tile waits for someone's picture before it says "Connecting…". A join whose first
 * frame comes sooner never shows the note, so it does not flash for a moment, and the page does
 * not lay out, paint and animate a spinner while the first frames are on their way: at a join
 * both pages' main threads and the machine's cores are busiest (docs/join-latency.md).
 */
export const CONNECTING_NOTE_DELAY_MS = 600;

/**
 * What to say over a tile while its picture or connection is not there yet; null once it is.
 * A connection in trouble is said at once; "Connecting…" only once it has been pending for
 * CONNECTING_NOTE_DELAY_MS (`waitedLong`).
 */
export function tileNote(peer: PeerView, hasFrame: boolean, waitedLong: boolean): MessageKey | null {
  if (peer.connectionState === 'failed') return 'room.couldNotConnect';
  if (peer.connectionState === 'disconnected') return 'room.reconnecting';
  const pending = peer.video ? !hasFrame : peer.connectionState !== 'connected';
  return pending && waitedLong ? 'room.connecting' : null;
}

/** Whether the tile is waiting for something ("Connecting…" once it has waited long enough). */
export function tilePending(peer: PeerView, hasFrame: boolean): boolean {
  return tileNote(peer, hasFrame, true) === 'room.connecting';
}
