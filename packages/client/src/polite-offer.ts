/**
 * How long the polite side holds back an offer on an established connection, giving an offer
 * the other side made at the same moment the time to arrive first.
 *
 * Perfect negotiation resolves crossing offers by having the polite side roll its own back. In
 * Chromium (measured with 156, in e2e/reliability-glare.test.ts and with two bare peer
 * connections in one page) an offer rolled back on a connection that already carries media
 * leaves that side receiving nothing afterwards: RTP keeps arriving but no longer reaches the
 * track. Letting the impolite side go first avoids the rollback in the common case (both sides
 * restarting ICE after the same network change, or renegotiating on the same event); the
 * perfect-negotiation rollback stays as the safety net for slower signaling. The first offer
 * of a connection is never held back: nothing has been negotiated yet, and joins stay fast.
 */
export const POLITE_OFFER_DELAY_MS = 250;

/** Polls this often, once the delay is over, for a remote offer still being handled. */
const STABLE_POLL_MS = 20;

/**
 * Waits POLITE_OFFER_DELAY_MS, then until the connection is `stable` (an offer that arrived
 * meanwhile has been answered). Resolves false if `closed()` became true.
 */
export async function holdBackPoliteOffer(
  pc: Pick<RTCPeerConnection, 'signalingState'>,
  closed: () => boolean,
  delayMs = POLITE_OFFER_DELAY_MS,
): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  while (!closed() && pc.signalingState !== 'stable') {
    await new Promise((resolve) => setTimeout(resolve, STABLE_POLL_MS));
  }
  return !closed();
}
