import type { ExtraTrack } from './extra-senders.js';

/**
 * Screen content is mostly text and still pictures: sharp at a low frame rate beats smooth and
 * blurry. 15 fps and 1.5 Mbit/s per receiver keep slides and code legible at 1080p without
 * starving the camera in a mesh, where every receiver gets a copy of its own.
 */
export const SCREEN_MAX_FRAMERATE = 15;
export const SCREEN_MAX_BITRATE_BPS = 1_500_000;

/** What the screen track says to the encoder: `detail` (documents, slides), `text`, or `motion` (video). */
export type ScreenContentHint = 'detail' | 'text' | 'motion';

export interface ScreenShareOptions {
  /** Share this stream (its first video track) instead of asking the browser with getDisplayMedia. */
  stream?: MediaStream;
  /** Default `detail`: keep the resolution, drop frames when the link is short. */
  contentHint?: ScreenContentHint;
}

/** A peer connection a screen is sent on. */
export interface ScreenSender {
  addExtraTrack(extra: ExtraTrack): void;
  removeExtraTrack(track: MediaStreamTrack): void;
}

export interface ScreenShareHost {
  /** Every current peer connection. */
  senders(): Iterable<ScreenSender>;
  /** Tells the others the stream id of the screen (undefined: sharing stopped), in the media state. */
  announce(streamId: string | undefined): void;
  /** Your share started or stopped (also by the browser's own "Stop sharing" button). */
  changed(stream: MediaStream | null): void;
}

/** Asks the browser for a screen, window or tab. Must run in a click handler (transient activation). */
export function captureDisplay(): Promise<MediaStream> {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getDisplayMedia) return Promise.reject(new DOMException('Screen sharing is not supported here.', 'NotSupportedError'));
  return devices.getDisplayMedia({ video: { frameRate: { ideal: SCREEN_MAX_FRAMERATE } }, audio: false });
}

/** Whether this browser can share a screen at all (no getDisplayMedia on phones). */
export function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/**
 * Your screen share: one video track, sent to every peer on a transceiver of its own (the camera
 * keeps going), and announced by its stream id so the others can tell it from the camera. A peer
 * that connects while you share gets it too (`attach`). Ends on `stop()` or when the browser
 * ends the track (its own "Stop sharing" button, a closed window).
 */
export class ScreenShare {
  private current: { stream: MediaStream; track: MediaStreamTrack; extra: ExtraTrack; onEnded: () => void } | null = null;
  private starting: Promise<MediaStream> | null = null;
  private closed = false;

  constructor(
    private readonly host: ScreenShareHost,
    private readonly capture: () => Promise<MediaStream> = captureDisplay,
  ) {}

  /** The stream being shared, or null. */
  get stream(): MediaStream | null {
    return this.current?.stream ?? null;
  }

  /**
   * Starts sharing. Without `options.stream` this calls getDisplayMedia at once (before any
   * await), so call it from a click handler. Resolves with the shared stream (the current one if
   * already sharing); rejects with the browser's error when the person cancels the picker
   * (`NotAllowedError`).
   */
  start(options: ScreenShareOptions = {}): Promise<MediaStream> {
    if (this.closed) return Promise.reject(new DOMException('The room is closed.', 'InvalidStateError'));
    if (this.current) return Promise.resolve(this.current.stream);
    this.starting ??= (options.stream ? Promise.resolve(options.stream) : this.capture())
      .then((stream) => this.begin(stream, options.contentHint ?? 'detail'))
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  /** Stops sharing: the track ends, every peer stops receiving it, the others are told. Idempotent. */
  stop(): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    this.end(current.track, current.onEnded);
    for (const sender of this.host.senders()) sender.removeExtraTrack(current.track);
    this.host.announce(undefined);
    this.host.changed(null);
  }

  /** A new peer connection: it gets the screen too while sharing. */
  attach(sender: ScreenSender): void {
    if (this.current) sender.addExtraTrack(this.current.extra);
  }

  /** The room closed: ends the capture without telling anyone. */
  close(): void {
    this.closed = true;
    const current = this.current;
    this.current = null;
    if (current) this.end(current.track, current.onEnded);
  }

  private begin(stream: MediaStream, hint: ScreenContentHint): MediaStream {
    const track = stream.getVideoTracks()[0];
    if (this.closed || !track || track.readyState !== 'live') {
      for (const t of stream.getTracks()) t.stop();
      throw new DOMException(this.closed ? 'The room is closed.' : 'The shared stream has no live video track.', 'InvalidStateError');
    }
    track.contentHint = hint;
    const shared = new MediaStream([track]);
    const extra: ExtraTrack = {
      track,
      stream: shared,
      encodings: [{ maxBitrate: SCREEN_MAX_BITRATE_BPS, maxFramerate: SCREEN_MAX_FRAMERATE }],
    };
    const onEnded = () => this.stop();
    track.addEventListener('ended', onEnded);
    this.current = { stream: shared, track, extra, onEnded };
    // Announced before the renegotiation starts, so the track usually finds its name waiting.
    this.host.announce(shared.id);
    for (const sender of this.host.senders()) sender.addExtraTrack(extra);
    this.host.changed(shared);
    return shared;
  }

  private end(track: MediaStreamTrack, onEnded: () => void): void {
    track.removeEventListener('ended', onEnded);
    track.stop();
  }
}
