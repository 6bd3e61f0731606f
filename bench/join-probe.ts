import type { BrowserContext, Page } from 'playwright-core';

/**
 * Where the time of a join goes: an init script, installed in every person's browser context
 * before the app loads, that timestamps each step of a join from the outside (the app is not
 * changed for it). It wraps `WebSocket` (the signaling messages: join, joined, offers, answers,
 * candidates), `RTCPeerConnection` (descriptions applied, candidates, ICE and DTLS states, the
 * track event) and watches the remote tiles' `<video>` elements (added, first frame through
 * requestVideoFrameCallback with its receive and decode times, `playing`). Each event becomes a
 * performance mark `confab:stage:<name>` the first time it happens, and an entry in
 * `window.__confabStages` with a key (the peer connection, or the other peer's id), so that with
 * several peers the bench can tell when a step was reached with all of them.
 *
 * Times are `performance.now()` of the page; `timeOrigin` lets the bench put the residents'
 * events on the newcomer's time line (all pages run in one browser on one machine).
 */

export interface StageEvent {
  stage: string;
  /** Which connection or peer the event is about: the same step with each peer counts once. */
  key: string;
  /** performance.now() of the page. */
  at: number;
}

export interface StageLog {
  timeOrigin: number;
  events: StageEvent[];
}

/** The selector of the other people's videos (the app's documented test ids). */
const REMOTE_VIDEO = '[data-testid="tile"][data-self="false"] video';

/** Runs in the page, before any script of the app. Self-contained: it is serialized. */
function probe({ remoteVideoSelector, pollStats, remoteVideos }: { remoteVideoSelector: string; pollStats: boolean; remoteVideos: boolean }): void {
  /** getStats every this often while a connection starts (with `pollStats`): precise enough, and cheap. */
  const STATS_POLL_MS = 10;
  /** Polling stops this long after the connection was made, whatever happened. */
  const STATS_POLL_FOR_MS = 10_000;
  /** A frame is blank when every pixel of it, scaled down to this many, is this dark or darker (0–255). */
  const BLANK_SAMPLE_WIDTH = 16;
  const BLANK_SAMPLE_HEIGHT = 9;
  const BLANK_MAX_LEVEL = 24;
  type Log = { timeOrigin: number; events: { stage: string; key: string; at: number }[] };
  const log: Log = { timeOrigin: performance.timeOrigin, events: [] };
  (window as unknown as { __confabStages: Log }).__confabStages = log;
  const seen = new Set<string>();
  /** Waiters of `__confabStagesWait`: each checks the log after every new event. */
  const waiters = new Set<() => void>();
  const record = (stage: string, key: string, at = performance.now()): void => {
    const id = `${stage}\u0000${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    log.events.push({ stage, key, at });
    for (const check of waiters) check();
    try {
      performance.mark(`confab:stage:${stage}`, { startTime: at, detail: key });
    } catch {
      // A time before the page's origin (never expected): the entry in the log is enough.
    }
  };
  // Resolves once `stage` happened for `count` keys (true), or after `timeoutMs` (false): the bench
  // waits with one call instead of polling the page, which would take the page's main thread.
  (window as unknown as { __confabStagesWait: (stage: string, count: number, timeoutMs: number) => Promise<boolean> }).__confabStagesWait = (
    stage,
    count,
    timeoutMs,
  ) =>
    new Promise<boolean>((resolve) => {
      const done = (reached: boolean): void => {
        waiters.delete(check);
        clearTimeout(timer);
        resolve(reached);
      };
      const check = (): void => {
        if (new Set(log.events.filter((e) => e.stage === stage).map((e) => e.key)).size >= count) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(check);
      check();
    });
  (window as unknown as { __confabStagesReset: () => void }).__confabStagesReset = () => {
    log.events.length = 0;
    seen.clear();
  };

  // The click on Join, in the capture phase: before the app's own handler runs.
  window.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button && (button as HTMLButtonElement).type === 'submit' && button.closest('form')) record('click', 'page');
    },
    { capture: true },
  );

  // Signaling: the protocol's JSON messages, both ways.
  type Message = { type?: string; to?: string; from?: string; data?: { description?: { type?: string }; candidate?: unknown } };
  const parse = (data: unknown): Message | undefined => {
    if (typeof data !== 'string') return undefined;
    try {
      const value: unknown = JSON.parse(data);
      return typeof value === 'object' && value !== null ? (value as Message) : undefined;
    } catch {
      return undefined;
    }
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    const msg = parse(data);
    if (msg?.type === 'join') record('join-sent', 'page');
    else if (msg?.type === 'signal' && msg.to) {
      if (msg.data?.description?.type) record(`${msg.data.description.type}-sent`, msg.to);
      else if (msg.data?.candidate) record('local-candidate-sent', msg.to);
    }
    return send.call(this, data);
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const msg = parse(event.data);
        if (!msg) return;
        if (msg.type === 'welcome') record('welcome', 'page');
        else if (msg.type === 'joined') record('joined', 'page');
        else if (msg.type === 'prepared') record('prepared', 'page');
        else if (msg.type === 'peer-joined') record('peer-joined', 'page');
        else if (msg.type === 'signal' && msg.from) {
          if (msg.data?.description?.type) record(`${msg.data.description.type}-received`, msg.from);
          else if (msg.data?.candidate) record('remote-candidate-received', msg.from);
        }
      });
    }
  };

  // Peer connections: each gets a key of its own.
  let connections = 0;
  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    readonly probeKey: string;
    constructor(config?: RTCConfiguration) {
      super(config);
      const key = `pc${++connections}`;
      this.probeKey = key;
      record('pc-created', key);
      this.addEventListener('negotiationneeded', () => record('negotiation-needed', key));
      this.addEventListener('icecandidate', (e) => {
        if ((e as RTCPeerConnectionIceEvent).candidate) record('local-candidate', key);
      });
      this.addEventListener('icegatheringstatechange', () => {
        if (this.iceGatheringState === 'complete') record('gathering-complete', key);
      });
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'checking') record('ice-checking', key);
        if (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed') record('ice-connected', key);
      });
      // `connected` needs ICE and DTLS both: the DTLS handshake is done.
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') record('dtls-connected', key);
      });
      this.addEventListener('track', (e) => {
        const track = (e as RTCTrackEvent).track;
        if (track.kind !== 'video') return;
        record('track', key);
        // With `pollStats`: the first frame of a picture decoded, read from the track itself, so
        // apart from when the page's <video> shows it.
        const Processor = (window as unknown as { MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> } }).MediaStreamTrackProcessor;
        if (!pollStats || !Processor) return;
        const reader = new Processor({ track: track.clone() }).readable.getReader();
        const read = async (): Promise<void> => {
          for (;;) {
            const { value: frame } = await reader.read();
            if (!frame) return;
            const arrived = performance.now();
            let bright = 0;
            try {
              if (frame.format === 'I420' || frame.format === 'NV12') {
                // The luma plane comes first: its brightest sampled pixel.
                const pixels = new Uint8Array(frame.allocationSize());
                await frame.copyTo(pixels);
                const lumaSize = frame.codedWidth * frame.codedHeight;
                for (let i = 0; i < lumaSize; i += 97) bright = Math.max(bright, pixels[i]!);
              }
            } finally {
              frame.close();
            }
            if (bright > 60) {
              record('track-picture-decoded', key, arrived);
              await reader.cancel();
              return;
            }
          }
        };
        void read().catch(() => {});
      });
      // The media path, from the statistics: first RTP sent and received, first frame encoded,
      // keyframe requests (a PLI means the first key frame was lost or came too early).
      const started = performance.now();
      const poll = (): void => {
        if (this.signalingState === 'closed' || performance.now() - started > STATS_POLL_FOR_MS) return;
        void this.getStats().then((report) => {
          let done = 0;
          report.forEach((s: { type: string; kind?: string; packetsSent?: number; framesEncoded?: number; keyFramesEncoded?: number; packetsReceived?: number; framesDecoded?: number; pliCount?: number; firCount?: number }) => {
            if (s.kind !== 'video') return;
            if (s.type === 'outbound-rtp') {
              if ((s.framesEncoded ?? 0) > 0) record('stats-frame-encoded', key);
              if ((s.packetsSent ?? 0) > 0) record('stats-rtp-sent', key);
              if ((s.keyFramesEncoded ?? 0) > 1) record('stats-second-keyframe-encoded', key);
              if ((s.pliCount ?? 0) + (s.firCount ?? 0) > 0) record('stats-keyframe-request-received', key);
              if ((s.framesEncoded ?? 0) > 0) done++;
            } else if (s.type === 'inbound-rtp') {
              if ((s.packetsReceived ?? 0) > 0) record('stats-rtp-received', key);
              if ((s.framesDecoded ?? 0) > 0) record('stats-frame-decoded', key);
              if ((s.pliCount ?? 0) + (s.firCount ?? 0) > 0) record('stats-keyframe-request-sent', key);
              if ((s.framesDecoded ?? 0) > 0) done++;
            }
          });
          if (done < 2) setTimeout(poll, STATS_POLL_MS);
        }, () => {});
      };
      if (pollStats) setTimeout(poll, STATS_POLL_MS);
    }
    override setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
      const key = this.probeKey;
      return super.setLocalDescription(description).then(() => {
        record(`local-${this.localDescription?.type ?? 'description'}-set`, key);
      });
    }
    override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      const key = this.probeKey;
      return super.setRemoteDescription(description).then(() => {
        record(`remote-${description.type ?? 'description'}-set`, key);
      });
    }
  } as typeof RTCPeerConnection;

  // A track put on a sender after the connection was made (a prepared join's media start): when
  // it was asked for, and when the sender had it.
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track: MediaStreamTrack | null) {
    // A camera has a device; the blank placeholder (a generated or canvas track) has none.
    const camera = track?.kind === 'video' && Boolean(track.getSettings().deviceId);
    if (camera) record('camera-on-sender', 'page');
    return replaceTrack.call(this, track).then(() => {
      if (camera) record('camera-on-sender-done', 'page');
    });
  };

  // The remote tiles' videos: added to the page, first frame (received, decoded, presented), playing.
  // The figure is the first frame that shows a picture: a blank (black) frame, which a sender may
  // send before it has a camera frame, does not count; it is marked `blank-frame-presented`.
  const sample = document.createElement('canvas');
  sample.width = BLANK_SAMPLE_WIDTH;
  sample.height = BLANK_SAMPLE_HEIGHT;
  const sampler = sample.getContext('2d', { willReadFrequently: true });
  const isBlank = (video: HTMLVideoElement): boolean => {
    if (!sampler) return false;
    sampler.drawImage(video, 0, 0, BLANK_SAMPLE_WIDTH, BLANK_SAMPLE_HEIGHT);
    const pixels = sampler.getImageData(0, 0, BLANK_SAMPLE_WIDTH, BLANK_SAMPLE_HEIGHT).data;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.max(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) > BLANK_MAX_LEVEL) return false;
    }
    return true;
  };
  let videos = 0;
  const watched = new WeakSet<HTMLVideoElement>();
  const watch = (video: HTMLVideoElement): void => {
    if (watched.has(video)) return;
    watched.add(video);
    const key = `video${++videos}`;
    record('video-element', key);
    video.addEventListener('playing', () => record('playing', key), { once: true });
    video.addEventListener('loadeddata', () => record('video-loaded', key), { once: true });
    if (video.srcObject) record('video-source', key);
    else {
      // The app sets `srcObject` in an effect after the element is in the page: when it does.
      const poll = (): void => {
        if (video.srcObject) record('video-source', key);
        else if (video.isConnected) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }
    const onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
      if (isBlank(video)) {
        record('blank-frame-presented', key, now);
        video.requestVideoFrameCallback(onFrame);
        return;
      }
      if (meta.receiveTime !== undefined) record('frame-received', key, meta.receiveTime);
      if (meta.receiveTime !== undefined && meta.processingDuration !== undefined) {
        record('frame-decoded', key, meta.receiveTime + meta.processingDuration * 1000);
      }
      record('frame-presented', key, now);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  if (!remoteVideos) return;
  new MutationObserver(() => {
    for (const video of document.querySelectorAll<HTMLVideoElement>(remoteVideoSelector)) watch(video);
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Installs the probe in every page of `context`, before the app's scripts. `pollStats` adds the
 * media path's steps from getStats (polled every few ms while a connection starts: it costs CPU).
 * `remoteVideos: false` leaves out the remote videos' steps, whose blank-frame check reads every
 * frame back from the page until one shows a picture: a resident's page, whose videos are not
 * the figure, then spends none of the machine's CPU on it while its encoder starts (unless the
 * bench times the members' view of the newcomer, `--members`).
 */
export async function installStageProbe(context: BrowserContext, { pollStats = false, remoteVideos = true } = {}): Promise<void> {
  await context.addInitScript(probe, { remoteVideoSelector: REMOTE_VIDEO, pollStats, remoteVideos });
}

/** Forgets the events so far (a resident between runs). */
export async function resetStages(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __confabStagesReset?: () => void }).__confabStagesReset?.());
}

/**
 * Waits in the page (one call, no polling) until `stage` happened for `count` keys; false when it
 * had not after `timeoutMs`.
 */
export async function waitForStage(page: Page, stage: string, count: number, timeoutMs: number): Promise<boolean> {
  return page.evaluate(
    ({ stage, count, timeoutMs }) =>
      (window as unknown as { __confabStagesWait?: (stage: string, count: number, timeoutMs: number) => Promise<boolean> }).__confabStagesWait?.(
        stage,
        count,
        timeoutMs,
      ) ?? false,
    { stage, count, timeoutMs },
  );
}

export async function readStages(page: Page): Promise<StageLog> {
  return page.evaluate(() => {
    const log = (window as unknown as { __confabStages?: { timeOrigin: number; events: { stage: string; key: string; at: number }[] } })
      .__confabStages;
    return { timeOrigin: log?.timeOrigin ?? performance.timeOrigin, events: [...(log?.events ?? [])] };
  });
}
