/**
 * The data every relayed message carries: one trickled ICE candidate, the same object for all
 * four servers (Confab's `data`, PeerJS's `payload`, socket.io's and bare ws's `data`).
 *
 * The bench hides two things in it without changing its size or shape: the candidate's
 * foundation carries a sequence number (nine digits, so every frame is the same length), and
 * `sdpMLineIndex` says whether the message is a request (0) or its echo (1).
 */

export interface CandidateData {
  candidate: {
    candidate: string;
    sdpMid: string;
    sdpMLineIndex: number;
    usernameFragment: string;
  };
}

export type SignalKind = 'request' | 'echo';

const SEQ_DIGITS = 9;
const SEQ_MODULUS = 10 ** SEQ_DIGITS;
const PREFIX = 'candidate:';
const REST = ' 1 udp 1677729535 198.51.100.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0';
const INDEX: Record<SignalKind, number> = { request: 0, echo: 1 };

export function candidateSignal(seq: number, kind: SignalKind): CandidateData {
  return {
    candidate: {
      candidate: `${PREFIX}${String(seq % SEQ_MODULUS).padStart(SEQ_DIGITS, '0')}${REST}`,
      sdpMid: '0',
      sdpMLineIndex: INDEX[kind],
      usernameFragment: 'EsVy',
    },
  };
}

/** The sequence number and kind of a relayed candidate, or undefined if it is not one of ours. */
export function readCandidate(data: unknown): { seq: number; kind: SignalKind } | undefined {
  const candidate = (data as Partial<CandidateData> | null | undefined)?.candidate;
  if (typeof candidate?.candidate !== 'string' || !candidate.candidate.startsWith(PREFIX)) return undefined;
  const seq = Number(candidate.candidate.slice(PREFIX.length, PREFIX.length + SEQ_DIGITS));
  if (!Number.isInteger(seq)) return undefined;
  if (candidate.sdpMLineIndex === INDEX.request) return { seq, kind: 'request' };
  if (candidate.sdpMLineIndex === INDEX.echo) return { seq, kind: 'echo' };
  return undefined;
}

/** Sequence numbers wrap at the width of the foundation; compare with this. */
export function sameSeq(a: number, b: number): boolean {
  return a % SEQ_MODULUS === b % SEQ_MODULUS;
}
