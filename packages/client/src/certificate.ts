/**
 * The DTLS certificate of this client's peer connections, made once, ahead of the first join.
 *
 * A peer connection made without `certificates` generates its own key pair, and its first offer
 * or answer waits for it. Generated while the socket connects, one certificate serves every peer
 * connection of the client (the spec allows sharing one), so no join waits for key generation.
 */

/** ECDSA P-256: what browsers generate by default, fast to make and to use. */
const KEY_PARAMS: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
/** A certificate this close to its expiry is not handed out: the connection makes its own. */
const EXPIRY_MARGIN_MS = 24 * 60 * 60 * 1000;

/** Starts generating a certificate; resolves undefined where peer connections or generation are missing. */
export async function generateCertificate(): Promise<RTCCertificate | undefined> {
  const PC = (globalThis as { RTCPeerConnection?: typeof RTCPeerConnection }).RTCPeerConnection;
  if (typeof PC?.generateCertificate !== 'function') return undefined;
  try {
    return await PC.generateCertificate(KEY_PARAMS);
  } catch {
    return undefined; // The peer connection generates one itself, as without this.
  }
}

/** The certificate to give a new peer connection, or undefined when it is missing or about to expire. */
export function usableCertificate(certificate: RTCCertificate | undefined, now = Date.now()): RTCCertificate | undefined {
  return certificate && certificate.expires - now > EXPIRY_MARGIN_MS ? certificate : undefined;
}
