/** A track sent besides the camera and the microphone (a shared screen), on its own transceiver. */
export interface ExtraTrack {
  track: MediaStreamTrack;
  /** The stream the receivers see it in (its id is the msid the others match it by). */
  stream: MediaStream;
  /** Encoder settings for the transceiver (`sendEncodings`). */
  encodings?: RTCRtpEncodingParameters[];
}

/**
 * The extra tracks of one peer connection. Each gets a send-only transceiver of its own, which
 * makes the connection renegotiate (perfect negotiation sends the offer). Tracks added before the
 * connection's first negotiation attached the camera and microphone wait until `ready()`: an
 * offer of ours made then would cross the newcomer's first offer.
 */
export class ExtraSenders {
  private readonly pending: ExtraTrack[] = [];
  private readonly sent = new Map<MediaStreamTrack, RTCRtpTransceiver>();
  private isReady = false;

  constructor(private readonly pc: Pick<RTCPeerConnection, 'addTransceiver'>) {}

  /** Sends `extra` now if the connection is ready, else once it is. Adding the same track twice does nothing. */
  add(extra: ExtraTrack): void {
    if (this.sent.has(extra.track) || this.pending.some((p) => p.track === extra.track)) return;
    if (this.isReady) this.send(extra);
    else this.pending.push(extra);
  }

  /** Stops sending `track`: its transceiver is stopped, so its m-line can be reused later. */
  remove(track: MediaStreamTrack): void {
    const index = this.pending.findIndex((p) => p.track === track);
    if (index >= 0) this.pending.splice(index, 1);
    const transceiver = this.sent.get(track);
    if (!transceiver) return;
    this.sent.delete(track);
    try {
      transceiver.stop();
    } catch {
      // Already stopped, or the connection is closed: nothing is sent either way.
    }
  }

  /** The first negotiation attached the local media: tracks waiting go now. Idempotent. */
  ready(): void {
    if (this.isReady) return;
    this.isReady = true;
    for (const extra of this.pending.splice(0)) this.send(extra);
  }

  /** Tracks being sent (or waiting to be). */
  get tracks(): MediaStreamTrack[] {
    return [...this.pending.map((p) => p.track), ...this.sent.keys()];
  }

  private send({ track, stream, encodings }: ExtraTrack): void {
    const transceiver = this.pc.addTransceiver(track, {
      direction: 'sendonly',
      streams: [stream],
      ...(encodings ? { sendEncodings: encodings } : {}),
    });
    this.sent.set(track, transceiver);
  }
}
