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

/**
 * The other side's peer connections, told apart by SDP session id: the one this session talks to
 * (from its first description), and old ones whose late offers are dropped.
 */
export class RemoteSessions {
  private current: string | undefined;
  private readonly ignored: ReadonlySet<string>;

  constructor(ignored: readonly string[] = []) {
    this.ignored = new Set(ignored);
  }

  /** The SDP session id of the other side's peer connection, once a description came from it. */
  get id(): string | undefined {
    return this.current;
  }

  /** The ids whose offers a session dropping this one's should drop: the old ones, and the current one. */
  get stale(): string[] {
    return [...this.ignored, ...(this.current ? [this.current] : [])];
  }

  /**
   * Where a description came from: `ignore` (an old connection), `replaced` (an offer from a new
   * connection: this session cannot continue), or `current`.
   */
  classify(description: RTCSessionDescriptionInit): 'current' | 'ignore' | 'replaced' {
    const session = sdpSessionId(description.sdp);
    if (session === undefined) return 'current';
    if (this.ignored.has(session)) return 'ignore';
    if (this.current !== undefined && session !== this.current && description.type === 'offer') return 'replaced';
    this.current ??= session;
    return 'current';
  }
}
