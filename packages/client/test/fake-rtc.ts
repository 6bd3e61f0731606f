/**
 * Just enough of MediaStream and RTCPeerConnection to test how the SDK wires rooms and sessions
 * together in Node. They record calls; they do no media and no ICE. Real behaviour is tested in
 * Chromium end to end.
 */

import { FakeDataChannel } from './fake-data-channel.js';

let nextId = 0;

export class FakeTrack {
  readonly id = `track-${++nextId}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
  stop(): void {
    this.readyState = 'ended';
  }
}

export class FakeMediaStream {
  readonly id = `stream-${++nextId}`;
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getTrackById(id: string): FakeTrack | null {
    return this.tracks.find((t) => t.id === id) ?? null;
  }
  addTrack(track: FakeTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }
  removeTrack(track: FakeTrack): void {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
}

export class FakeTransceiver {
  readonly receiver: { track: FakeTrack };
  readonly sender: {
    track: FakeTrack | null;
    streams: FakeMediaStream[];
    replaceTrack: (track: FakeTrack | null) => Promise<void>;
    setStreams: (...streams: FakeMediaStream[]) => void;
  };
  currentDirection: string | null = null;
  stopped = false;
  stop(): void {
    this.stopped = true;
    this.direction = 'stopped';
  }
  constructor(
    readonly kind: 'audio' | 'video',
    public direction: string,
    track: FakeTrack | null,
    streams: FakeMediaStream[],
  ) {
    this.receiver = { track: new FakeTrack(kind) };
    this.sender = {
      track,
      streams,
      replaceTrack: async (next) => {
        this.sender.track = next;
      },
      setStreams: (...next) => {
        this.sender.streams = next;
      },
    };
  }
}

type Description = { type: string; sdp?: string };

export class FakePeerConnection {
  static instances: FakePeerConnection[] = [];
  /** Every call, in order: 'addTransceiver:audio', 'setRemoteDescription:offer', 'addIceCandidate:c1', … */
  readonly log: string[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  signalingState = 'stable';
  connectionState = 'new';
  localDescription: Description | null = null;
  remoteDescription: Description | null = null;
  closed = false;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: unknown }) => void) | null = null;
  ontrack: ((event: { track: FakeTrack; streams: FakeMediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  private negotiationQueued = false;

  /** What `getStats()` resolves with; tests set it. */
  stats: Map<string, unknown> = new Map();

  constructor(public config: { iceServers?: unknown[]; iceTransportPolicy?: string }) {
    FakePeerConnection.instances.push(this);
  }

  getConfiguration(): { iceServers?: unknown[]; iceTransportPolicy?: string } {
    return { ...this.config };
  }

  setConfiguration(config: { iceServers?: unknown[]; iceTransportPolicy?: string }): void {
    this.log.push('setConfiguration');
    this.config = { ...config };
  }

  async getStats(): Promise<Map<string, unknown>> {
    return this.stats;
  }

  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video', init: { direction: string; streams: FakeMediaStream[] }) {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = new FakeTransceiver(kind, init.direction, track, init.streams);
    this.transceivers.push(transceiver);
    this.log.push(`addTransceiver:${kind}:${init.direction}`);
    if (!this.negotiationQueued) {
      this.negotiationQueued = true;
      setTimeout(() => {
        this.negotiationQueued = false;
        this.onnegotiationneeded?.();
      }, 0);
    }
    return transceiver;
  }

  getSenders(): FakeTransceiver['sender'][] {
    return this.transceivers.map((t) => t.sender);
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.transceivers];
  }

  async setLocalDescription(): Promise<void> {
    const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.log.push(`setLocalDescription:${type}`);
    this.localDescription = { type, sdp: `fake-${type}` };
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
  }

  async setRemoteDescription(description: Description): Promise<void> {
    this.log.push(`setRemoteDescription:${description.type}`);
    this.remoteDescription = description;
    if (description.type === 'offer') {
      this.signalingState = 'have-remote-offer';
      if (this.transceivers.length === 0) {
        for (const kind of ['audio', 'video'] as const) this.transceivers.push(new FakeTransceiver(kind, 'recvonly', null, []));
      }
    } else {
      this.signalingState = 'stable';
    }
  }

  async addIceCandidate(candidate?: { candidate: string } | null): Promise<void> {
    this.log.push(`addIceCandidate:${candidate ? candidate.candidate : 'end'}`);
  }

  /** Data channels made on this connection (kept out of `log`, which records media and signaling). */
  readonly dataChannels: FakeDataChannel[] = [];

  createDataChannel(label: string, init: { id?: number } = {}): FakeDataChannel {
    const channel = new FakeDataChannel(label, init.id ?? null);
    this.dataChannels.push(channel);
    return channel;
  }

  restartIce(): void {
    this.log.push('restartIce');
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
    this.log.push('close');
  }

  /** Test control: a remote track arrives. */
  fireTrack(track: FakeTrack, streams: FakeMediaStream[] = []): void {
    this.ontrack?.({ track, streams });
  }

  /** Test control: the connection state changes. */
  setConnectionState(state: string): void {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}
