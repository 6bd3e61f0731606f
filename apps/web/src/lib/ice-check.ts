import type { MessageKey } from '../i18n/messages.js';
import { urlsOf } from './relay-only.js';

/**
 * The connectivity check behind `/check`: gather ICE candidates with the server's STUN/TURN
 * servers and say which kinds came back, and in plain words what a missing kind means.
 */

export type CandidateKind = 'host' | 'srflx' | 'relay';
export const CANDIDATE_KINDS: readonly CandidateKind[] = ['host', 'srflx', 'relay'];

export type CheckStatus = 'works' | 'failed' | 'not-configured';

export interface KindResult {
  kind: CandidateKind;
  status: CheckStatus;
  /** Candidates of this kind gathered. */
  count: number;
  /** What it means, for a person, not an engineer (a message key); null when there is nothing to say. */
  explanation: MessageKey | null;
}

/** An `icecandidateerror`, as far as the check needs it. */
export interface GatherError {
  url: string;
  errorCode: number;
  errorText: string;
}

export interface Gathered {
  counts: Record<CandidateKind, number>;
  errors: GatherError[];
}

/** How long gathering may take; an unreachable STUN or TURN server makes Chromium wait about this long. */
export const ICE_CHECK_TIMEOUT_MS = 12_000;
/** STUN error code for bad credentials, and the code browsers use for "server unreachable". */
const STUN_UNAUTHORIZED = 401;
const SERVER_UNREACHABLE = 701;

/** The kind of an SDP candidate line (`candidate:… typ srflx …`); `prflx` and unknown kinds are ignored. */
export function candidateKind(candidate: string): CandidateKind | undefined {
  const type = / typ (\w+)/.exec(candidate)?.[1];
  return type === 'host' || type === 'srflx' || type === 'relay' ? type : undefined;
}

/**
 * What the servers could yield. Browsers also use a UDP TURN server as a STUN server, so it counts
 * for srflx too.
 */
export function configuredKinds(iceServers: readonly RTCIceServer[]): Record<CandidateKind, boolean> {
  const urls = iceServers.flatMap(urlsOf).map((url) => url.toLowerCase());
  const turn = urls.filter((url) => url.startsWith('turn:') || url.startsWith('turns:'));
  const stun = urls.some((url) => url.startsWith('stun:') || url.startsWith('stuns:'));
  const udpTurn = turn.some((url) => url.startsWith('turn:') && !url.includes('transport=tcp'));
  return { host: true, srflx: stun || udpTurn, relay: turn.length > 0 };
}

function relayFailure(errors: readonly GatherError[]): MessageKey {
  const turnErrors = errors.filter((e) => /^turns?:/i.test(e.url));
  if (turnErrors.some((e) => e.errorCode === STUN_UNAUTHORIZED)) return 'check.explain.relayRefused';
  return turnErrors.some((e) => e.errorCode === SERVER_UNREACHABLE) ? 'check.explain.relayUnreachable' : 'check.explain.relayNoAddress';
}

const EXPLAIN: Record<CandidateKind, Record<Exclude<CheckStatus, 'failed'>, MessageKey | null>> = {
  host: { works: 'check.explain.hostWorks', 'not-configured': null },
  srflx: { works: 'check.explain.srflxWorks', 'not-configured': 'check.explain.srflxNotConfigured' },
  relay: { works: 'check.explain.relayWorks', 'not-configured': 'check.explain.relayNotConfigured' },
};

function failure(kind: CandidateKind, errors: readonly GatherError[]): MessageKey {
  if (kind === 'host') return 'check.explain.hostFailed';
  if (kind === 'srflx') return 'check.explain.srflxFailed';
  return relayFailure(errors);
}

/** The verdict for each kind, from what was gathered and what the servers could have given. */
export function summarize(gathered: Gathered, configured: Record<CandidateKind, boolean>): KindResult[] {
  return CANDIDATE_KINDS.map((kind) => {
    const count = gathered.counts[kind];
    const status: CheckStatus = count > 0 ? 'works' : configured[kind] ? 'failed' : 'not-configured';
    const explanation = status === 'failed' ? failure(kind, gathered.errors) : EXPLAIN[kind][status];
    return { kind, status, count, explanation };
  });
}

/**
 * Gathers candidates with `iceServers` (policy `all`) until gathering completes, every configured
 * kind has shown up, or `timeoutMs` passes. Nothing is sent to anyone: the offer is never used.
 */
export async function gatherCandidates(
  iceServers: RTCIceServer[],
  { timeoutMs = ICE_CHECK_TIMEOUT_MS, createPeerConnection = (c: RTCConfiguration) => new RTCPeerConnection(c) } = {},
): Promise<Gathered> {
  const configured = configuredKinds(iceServers);
  const counts: Record<CandidateKind, number> = { host: 0, srflx: 0, relay: 0 };
  const errors: GatherError[] = [];
  const pc = createPeerConnection({ iceServers, iceTransportPolicy: 'all' });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      pc.onicecandidate = ({ candidate }) => {
        if (!candidate) return done();
        const kind = candidateKind(candidate.candidate);
        if (kind) counts[kind]++;
        if (CANDIDATE_KINDS.every((k) => !configured[k] || counts[k] > 0)) done();
      };
      pc.onicecandidateerror = (event) => {
        const e = event as RTCPeerConnectionIceErrorEvent;
        errors.push({ url: e.url, errorCode: e.errorCode, errorText: e.errorText });
      };
      pc.createDataChannel('check');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
  } finally {
    pc.close();
  }
  return { counts, errors };
}
