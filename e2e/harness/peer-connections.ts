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
  framesDecoded: number;
}

/** Each recorded peer connection of the page, in creation order, with what it received (getStats). */
export async function receivedMedia(page: Page): Promise<ReceivedMedia[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __recordedPcs?: RTCPeerConnection[] }).__recordedPcs ?? [];
    return Promise.all(
      pcs.map(async (pc) => {
        let packetsReceived = 0;
        let framesDecoded = 0;
        if (pc.connectionState !== 'closed') {
          (await pc.getStats()).forEach((stats: Record<string, unknown>) => {
            if (stats.type !== 'inbound-rtp') return;
            packetsReceived += typeof stats.packetsReceived === 'number' ? stats.packetsReceived : 0;
            framesDecoded += typeof stats.framesDecoded === 'number' ? stats.framesDecoded : 0;
          });
        }
        return { connectionState: pc.connectionState, packetsReceived, framesDecoded };
      }),
    );
  });
}
