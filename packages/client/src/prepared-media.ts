import type { DataLink } from './data/data-link.js';
import { fastStartEncodings, fastStartScale, resetScale, startSmall } from './fast-start.js';
import { localTrack, MEDIA_KINDS } from './local-media.js';
import { freeTransceiver, mediaTransceiver } from './media-transceivers.js';
import { acquirePlaceholderVideo, type PlaceholderVideo } from './media/placeholder-video.js';

export interface PreparedMediaOptions {
  /**
   * A prepared connection (a lobby's, before the click on Join): audio and video are negotiated
   * send-and-receive, ICE and DTLS complete, no sound and no picture flows: the audio sender has
   * no track, the video sender a blank one (`placeholderVideo`) so that its encoder is running at
   * the click; received tracks and data-channel frames wait. `startMedia()` attaches the tracks
   * without renegotiating.
   */
  prepared?: boolean;
  /**
   * For a prepared connection: the camera track that will probably be sent (not sent now), so the
   * video's small first encoding (fast-start.ts) is set during the preparation and the click only
   * has to attach the track.
   */
  videoHint?: () => MediaStreamTrack | undefined;
  /**
   * For a prepared connection: the blank video it sends until the click (media/placeholder-video.ts),
   * of the hinted camera's size. For tests and custom stacks; defaults to a generated black picture.
   */
  placeholderVideo?: (width: number, height: number) => PlaceholderVideo | undefined;
}

/** What a prepared connection's media needs of its peer session. */
export interface PreparedMediaHost {
  readonly remoteId: string;
  readonly pc: Pick<RTCPeerConnection, 'addTransceiver' | 'getTransceivers'>;
  /** The session's data channels: their frames wait until the start. */
  readonly data: Pick<DataLink, 'hold' | 'release'>;
  isClosed(): boolean;
  /** A track received, emitted by the session (`track`). */
  emitTrack(track: MediaStreamTrack, streams: readonly MediaStream[]): void;
  /** The camera's sender goes out small: the session's fast start (fast-start-sender.ts) takes it over. */
  fastStart(sender: RTCRtpSender): void;
}

/**
 * The media of a prepared connection (docs/join-latency.md, "prepared join"), from the
 * preparation to the click on Join: senders negotiated with nothing to send (the video with its
 * small first encoding set already, and a blank picture to keep its encoder warm), received
 * tracks held, and at the start (`start()`) the tracks attached with `replaceTrack`.
 */
export class PreparedMedia {
  /** Until `start()`: the tracks received meanwhile wait here. */
  private held: [MediaStreamTrack, readonly MediaStream[]][] | undefined = [];
  /** The fast start's scale already set on the prepared video sender (from `videoHint`). */
  private preparedScale: number | undefined;
  /** The blank video a prepared connection sends until the camera replaces it (placeholder-video.ts), and its size. */
  private placeholder: { video: PlaceholderVideo; width: number; height: number } | undefined;
  /** A change of the video sender before the start still running (`refreshVideo()`): the start waits for it. */
  private videoWork: Promise<void> | undefined;
  private readonly videoHint: () => MediaStreamTrack | undefined;
  private readonly placeholderVideo: (width: number, height: number) => PlaceholderVideo | undefined;

  constructor(
    private readonly host: PreparedMediaHost,
    options: PreparedMediaOptions,
  ) {
    this.videoHint = options.videoHint ?? (() => undefined);
    this.placeholderVideo = options.placeholderVideo ?? acquirePlaceholderVideo;
    host.data.hold();
  }

  /** Whether the media has not started yet (`start()`). */
  get waiting(): boolean {
    return this.held !== undefined;
  }

  /** Holds a received track until the start; false once started (the session emits it itself). */
  holdTrack(track: MediaStreamTrack, streams: readonly MediaStream[]): boolean {
    if (!this.held) return false;
    this.held.push([track, streams]);
    return true;
  }

  /** The offerer's side: both directions negotiated now, with nothing to send yet: `start()` fills them in. */
  offer(): void {
    const sendEncodings = fastStartEncodings(this.videoHint());
    this.preparedScale = fastStartScale(this.videoHint());
    for (const kind of MEDIA_KINDS) {
      const transceiver = this.host.pc.addTransceiver(kind, { direction: 'sendrecv', ...(kind === 'video' && sendEncodings ? { sendEncodings } : {}) });
      if (kind === 'video') void this.sendPlaceholder(transceiver.sender);
    }
  }

  /** The answerer's side, on the first offer: send-and-receive with no track: `start()` fills them in. */
  async answer(): Promise<void> {
    const used = new Set<RTCRtpTransceiver>();
    for (const kind of MEDIA_KINDS) {
      const transceiver = freeTransceiver(this.host.pc, kind, used);
      if (!transceiver) continue;
      transceiver.direction = 'sendrecv';
      const hint = kind === 'video' ? this.videoHint() : undefined;
      if (hint && (await startSmall(transceiver.sender, hint).catch(() => false))) this.preparedScale = fastStartScale(hint);
      if (kind === 'video') await this.sendPlaceholder(transceiver.sender);
    }
  }

  /**
   * The click on Join: the tracks received meanwhile are emitted, held data-channel frames are
   * delivered, and the tracks of `stream` go on the negotiated senders with `replaceTrack` (no
   * renegotiation), the video small at first (fast-start.ts).
   */
  async start(stream: MediaStream | null): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    // A change of the lobby's camera still being applied: the tracks go on after it.
    if (this.videoWork) await this.videoWork;
    const work: Promise<unknown>[] = [];
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(stream, kind);
      const sender = mediaTransceiver(this.host.pc, kind)?.sender;
      if (!sender) continue;
      if (track) work.push(this.startSender(kind, sender, track));
      else if (kind === 'video' && this.placeholder) work.push(this.stopPlaceholder(sender));
    }
    for (const [track, streams] of held) this.host.emitTrack(track, streams);
    this.host.data.release();
    await Promise.all(work);
  }

  /** The session closed: the blank picture is let go. */
  close(): void {
    this.releasePlaceholder();
  }

  private async startSender(kind: string, sender: RTCRtpSender, track: MediaStreamTrack): Promise<void> {
    try {
      if (kind === 'video') {
        // Set during the preparation when the camera was known then: one step less after the click.
        const scale = fastStartScale(track);
        const small = scale !== undefined && (scale === this.preparedScale || (await startSmall(sender, track).catch(() => false)));
        if (this.host.isClosed()) return;
        if (small) {
          this.host.fastStart(sender);
        } else if (this.preparedScale !== undefined) {
          // Prepared for a larger camera than the one sent: no scaling after all.
          await resetScale(sender);
        }
      }
      if (this.host.isClosed()) return;
      await sender.replaceTrack(track);
      this.releasePlaceholder();
    } catch (err) {
      if (!this.host.isClosed()) console.warn(`[confab] could not start sending ${kind} to peer ${this.host.remoteId}:`, err);
    }
  }

  /**
   * The hinted camera changed before the start (the lobby's camera came up after the preparation,
   * was switched, or turned off): the small first encoding and the blank picture follow it, so the
   * click still only attaches the track. Changes apply one after another.
   */
  refreshVideo(): Promise<void> {
    const work = (this.videoWork ?? Promise.resolve()).then(() => this.applyVideoHint());
    this.videoWork = work;
    void work.then(() => {
      if (this.videoWork === work) this.videoWork = undefined;
    });
    return work;
  }

  private async applyVideoHint(): Promise<void> {
    const sender = mediaTransceiver(this.host.pc, 'video')?.sender;
    if (!this.waiting || this.host.isClosed() || !sender) return;
    const hint = this.videoHint();
    const scale = fastStartScale(hint);
    try {
      if (scale !== this.preparedScale) {
        if (scale !== undefined && (await startSmall(sender, hint))) this.preparedScale = scale;
        else if (this.preparedScale !== undefined) {
          await resetScale(sender);
          this.preparedScale = undefined;
        }
      }
      if (!this.waiting || this.host.isClosed()) return;
      if (hint) await this.sendPlaceholder(sender);
      else if (this.placeholder) await this.stopPlaceholder(sender);
    } catch {
      // Closed meanwhile, or the browser refused the encoding: the start sets what it needs.
    }
  }

  /**
   * A prepared connection sends a blank picture of the camera's size until the click, so that the
   * encoder and the bitrate estimate are running when the camera replaces it (no picture leaves).
   */
  private async sendPlaceholder(sender: RTCRtpSender): Promise<void> {
    const settings = this.videoHint()?.getSettings?.();
    const width = settings?.width;
    const height = settings?.height;
    if (!width || !height) return;
    const current = this.placeholder;
    if (current && current.width === width && current.height === height) return;
    const video = this.placeholderVideo(width, height);
    if (!video) return;
    this.placeholder = { video, width, height };
    try {
      await sender.replaceTrack(video.track);
      current?.video.release();
    } catch {
      video.release();
      current?.video.release();
      if (this.placeholder?.video === video) this.placeholder = undefined;
    }
  }

  /** Joined with no camera: the blank picture stops too. */
  private async stopPlaceholder(sender: RTCRtpSender): Promise<void> {
    try {
      await sender.replaceTrack(null);
    } catch {
      // Closed meanwhile: nothing is sent either way.
    }
    this.releasePlaceholder();
  }

  private releasePlaceholder(): void {
    this.placeholder?.video.release();
    this.placeholder = undefined;
  }
}
