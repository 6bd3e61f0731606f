import type { BrowserContext, Page } from 'playwright-core';

/**
 * The peer connections of a page, read with the browser's own `getStats()`. An init script keeps
 * every RTCPeerConnection the app creates in `window.__confabPcs`; the SDK is not involved, so
 * these checks do not trust the route the SDK computes.
 */

const TRACK_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__confabPcs) return;
  window.__confabPcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__confabPcs.push(this);
      // Every state it went through, since the SDK may restart ICE on its own after a failure.
      this.__states = [];
      this.addEventListener('connectionstatechange', () => this.__states.push(this.connectionState));
    }
  };
})();`;

/** Call before the page loads the app (before `goto`). */
export async function trackPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: TRACK_PEER_CONNECTIONS });
}

export interface CandidateInfo {
  candidateType: string;
  address: string;
  port: number;
}

export interface PcReport {
  connectionState: string;
  /** Every connection state it has been in, in order. */
  stateHistory: string[];
  iceTransportPolicy: string;
  /** Usernames of the configured TURN servers. */
  turnUsernames: string[];
  local?: CandidateInfo;
  remote?: CandidateInfo;
  /** Types of every local candidate gathered. */
  localTypes: string[];
}

/** For each open peer connection of the page: its state, configuration and selected candidate pair. */
export function peerConnections(page: Page): Promise<PcReport[]> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __confabPcs?: RTCPeerConnection[] }).__confabPcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    return Promise.all(
      pcs.map(async (pc) => {
        const stats = await pc.getStats();
        const all = [...stats.values()] as Record<string, unknown>[];
        const byId = (id: unknown) => (typeof id === 'string' ? (stats.get(id) as Record<string, unknown> | undefined) : undefined);
        const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
        const pair = byId(transport?.selectedCandidatePairId);
        const info = (c: Record<string, unknown> | undefined) =>
          c ? { candidateType: String(c.candidateType), address: String(c.address), port: Number(c.port) } : undefined;
        const config = pc.getConfiguration();
        return {
          connectionState: pc.connectionState,
          stateHistory: [...((pc as unknown as { __states?: string[] }).__states ?? [])],
          iceTransportPolicy: config.iceTransportPolicy ?? 'all',
          turnUsernames: (config.iceServers ?? []).flatMap((s) => (s.username ? [s.username] : [])),
          local: info(byId(pair?.localCandidateId)),
          remote: info(byId(pair?.remoteCandidateId)),
          localTypes: all.filter((s) => s.type === 'local-candidate').map((s) => String(s.candidateType)),
        };
      }),
    );
  });
}

/** Restarts ICE on every open peer connection of the page (the SDK renegotiates on its own). */
export function restartIce(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const pc of (window as unknown as { __confabPcs?: RTCPeerConnection[] }).__confabPcs ?? []) {
      if (pc.connectionState !== 'closed') pc.restartIce();
    }
  });
}
