/** What a remote screen needs of a peer: its id, what it announced, and its camera stream. */
export interface ScreenPeer {
  readonly id: string;
  /** `media.screen`: the stream id the peer says its shared screen is in. */
  readonly media: { readonly screen?: string | undefined };
  /** The peer's camera and microphone; a screen track must not stay in it. */
  readonly stream: MediaStream;
}

interface Received {
  track: MediaStreamTrack;
  streamIds: readonly string[];
}

interface PeerScreens {
  /** Every live track received from the peer, with the stream ids it came in. */
  received: Received[];
  /** Stream ids the peer ever announced as a screen: tracks in them never go to the camera stream. */
  screenIds: Set<string>;
  current: MediaStream | null;
}

/**
 * The screens other people share. A peer announces the stream id of its screen in its media
 * state (`media.screen`); the track itself arrives by renegotiation. The two travel separately,
 * so either may come first: a track of an unknown stream goes to the camera stream for the time
 * being and moves out when the announcement names it.
 *
 * `onChange(peer, stream)` reports a new screen (or a new track for it) and, with null, its end.
 */
export class RemoteScreens<P extends ScreenPeer> {
  private readonly peers = new Map<string, PeerScreens>();
  private readonly streams = new Map<string, MediaStream>();

  constructor(private readonly onChange: (peer: P, stream: MediaStream | null) => void) {}

  /** The screens being received, by peer id. A live view. */
  get byPeer(): ReadonlyMap<string, MediaStream> {
    return this.streams;
  }

  /** A track arrived from `peer`. True when it is (part of) their screen; false for their camera or microphone. */
  handleTrack(peer: P, track: MediaStreamTrack, streams: readonly MediaStream[]): boolean {
    const state = this.stateOf(peer.id);
    state.received = state.received.filter((r) => r.track.readyState === 'live' && r.track !== track);
    const streamIds = streams.map((s) => s.id);
    state.received.push({ track, streamIds });
    const announced = peer.media.screen;
    if (announced !== undefined) state.screenIds.add(announced);
    if (announced !== undefined && streamIds.includes(announced)) {
      this.show(peer, state, track);
      return true;
    }
    // A track of a screen that has ended already, arriving late: neither screen nor camera.
    return streamIds.some((id) => state.screenIds.has(id));
  }

  /** The peer's media state changed: a screen may have started or stopped. */
  handleMedia(peer: P): void {
    const state = this.stateOf(peer.id);
    const announced = peer.media.screen;
    const showing = state.current?.getVideoTracks()[0];
    const showingId = showing && state.received.find((r) => r.track === showing)?.streamIds;
    if (announced === undefined) {
      if (state.current) this.hide(peer, state);
      return;
    }
    state.screenIds.add(announced);
    if (showingId?.includes(announced)) return;
    if (state.current) this.hide(peer, state);
    const arrived = [...state.received].reverse().find((r) => r.streamIds.includes(announced) && r.track.readyState === 'live');
    if (!arrived) return;
    // It came before the announcement and went to the camera stream meanwhile.
    peer.stream.removeTrack(arrived.track);
    this.show(peer, state, arrived.track);
  }

  /** The peer's connection was rebuilt: its tracks are gone; the screen comes back with the new connection. */
  handleTracksStopped(peer: P): void {
    const state = this.peers.get(peer.id);
    if (!state) return;
    state.received = [];
    if (state.current) this.hide(peer, state);
  }

  /** The peer left: forget it (no event; the room reports the departure). */
  remove(peerId: string): void {
    const state = this.peers.get(peerId);
    for (const track of state?.current?.getTracks() ?? []) track.stop();
    this.peers.delete(peerId);
    this.streams.delete(peerId);
  }

  close(): void {
    for (const id of [...this.peers.keys()]) this.remove(id);
  }

  private stateOf(peerId: string): PeerScreens {
    let state = this.peers.get(peerId);
    if (!state) {
      state = { received: [], screenIds: new Set(), current: null };
      this.peers.set(peerId, state);
    }
    return state;
  }

  private show(peer: P, state: PeerScreens, track: MediaStreamTrack): void {
    if (state.current?.getTrackById(track.id)) return;
    // A new stream object each time, so a <video> showing the old one is pointed at the new track.
    const stream = new MediaStream([track]);
    state.current = stream;
    this.streams.set(peer.id, stream);
    this.onChange(peer, stream);
  }

  private hide(peer: P, state: PeerScreens): void {
    for (const track of state.current?.getTracks() ?? []) track.stop();
    state.current = null;
    this.streams.delete(peer.id);
    this.onChange(peer, null);
  }
}
