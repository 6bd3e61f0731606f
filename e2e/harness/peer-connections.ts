import type { Page } from 'playwright-core';
import type { Person } from './browser.js';

/**
 * Records every RTCPeerConnection a page makes (installed before the app loads; the SDK is
 * untouched), so a test can read what each one receives from getStats: proof of what media
 * reaches the page, whatever its UI shows.
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  window.__recordedPcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__recordedPcs.push(this);
    }
  };
})();`;

export async function recordPeerConnections(person: Person): Promise<void> {
  await person.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
}

/** What one recorded peer connection has received so far. */
export interface ReceivedMedia {
  connectionState: RTCPeerConnectionState;
  /** RTP packets received, audio and video together. */
  packetsReceived: number;
  /** Audio RTP packets alone. */
  audioPacketsReceived: number;
  framesDecoded: number;
}

/** Each recorded peer connection of the page, in creation order, with what it received (getStats). */
export async function receivedMedia(page: Page): Promise<ReceivedMedia[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __recordedPcs?: RTCPeerConnection[] }).__recordedPcs ?? [];
    return Promise.all(
      pcs.map(async (pc) => {
        let packetsReceived = 0;
        let audioPacketsReceived = 0;
        let framesDecoded = 0;
        if (pc.connectionState !== 'closed') {
          (await pc.getStats()).forEach((stats: Record<string, unknown>) => {
            if (stats.type !== 'inbound-rtp') return;
            const packets = typeof stats.packetsReceived === 'number' ? stats.packetsReceived : 0;
            packetsReceived += packets;
            if (stats.kind === 'audio') audioPacketsReceived += packets;
            framesDecoded += typeof stats.framesDecoded === 'number' ? stats.framesDecoded : 0;
          });
        }
        return { connectionState: pc.connectionState, packetsReceived, audioPacketsReceived, framesDecoded };
      }),
    );
  });
}

/** How long a received video may take to show a frame in the test's own `<video>`. */
const PICTURE_TIMEOUT_MS = 5_000;

/**
 * What each connected recorded peer connection's received video shows now: the brightest colour
 * channel (0–255) of its current frame, or null when it shows no frame within
 * PICTURE_TIMEOUT_MS. Read through a `<video>` of the test's own, whatever the app shows: a blank
 * (black) picture is near 0, a camera's picture far above.
 */
export async function receivedPictureLevels(page: Page): Promise<(number | null)[]> {
  return page.evaluate(async (timeoutMs) => {
    const pcs = ((window as unknown as { __recordedPcs?: RTCPeerConnection[] }).__recordedPcs ?? []).filter((pc) => pc.connectionState === 'connected');
    const level = async (track: MediaStreamTrack): Promise<number | null> => {
      const video = document.createElement('video');
      video.muted = true;
      video.style.cssText = 'position:fixed;left:0;top:0;width:64px;height:36px;opacity:0;pointer-events:none';
      document.body.append(video);
      try {
        video.srcObject = new MediaStream([track]);
        const framed = new Promise<boolean>((resolve) => {
          video.requestVideoFrameCallback(() => resolve(true));
          setTimeout(() => resolve(false), timeoutMs);
        });
        void video.play().catch(() => {});
        if (!(await framed)) return null;
        const canvas = document.createElement('canvas');
        canvas.width = 32;
        canvas.height = 18;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (!context) return null;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let max = 0;
        for (let i = 0; i < pixels.length; i += 4) max = Math.max(max, pixels[i]!, pixels[i + 1]!, pixels[i + 2]!);
        return max;
      } finally {
        video.srcObject = null;
        video.remove();
      }
    };
    const levels: (number | null)[] = [];
    for (const pc of pcs) {
      const video = pc.getReceivers().find((r) => r.track.kind === 'video');
      levels.push(video ? await level(video.track) : null);
    }
    return levels;
  }, PICTURE_TIMEOUT_MS);
}
