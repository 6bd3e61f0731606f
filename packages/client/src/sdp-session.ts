/**
 * The session id of an SDP description: the second field of its `o=` line
 * (`o=- 4611731400430051336 2 IN IP4 127.0.0.1`). A peer connection keeps one id for its whole
 * life and only bumps the version on renegotiation, so an offer with another id comes from a new
 * peer connection on the other side (the other person rebuilt theirs after a long outage).
 */
export function sdpSessionId(sdp: string | undefined): string | undefined {
  if (!sdp) return undefined;
  const match = /^o=\S+ (\S+) /m.exec(sdp);
  return match?.[1];
}
