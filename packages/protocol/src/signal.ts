import { z } from 'zod';
import { CANDIDATE_MAX, SDP_MAX } from './limits.js';

/** The payload of a directed `signal`: an SDP description or one trickled ICE candidate. */

export const SessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(SDP_MAX).optional(),
});

export const IceCandidate = z.strictObject({
  candidate: z.string().max(CANDIDATE_MAX),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

export const SignalData = z.union([
  z.strictObject({ description: SessionDescription }),
  /** `candidate: null` marks the end of candidates. */
  z.strictObject({ candidate: IceCandidate.nullable() }),
]);
export type SignalData = z.infer<typeof SignalData>;
