import { z } from 'zod';
import { DisplayName, PeerId, RequestId } from './fields.js';

/**
 * The directory and direct calls: who is online, and ringing one of them by name. An accepted
 * call is a private room for two (`call-accepted.room`), joined with the ordinary `join`.
 */

export const CallId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Someone in the directory: `busy` while in a call or ringing. */
export const DirectoryPeer = z.object({ id: PeerId, name: z.string(), busy: z.boolean() });
export type DirectoryPeer = z.infer<typeof DirectoryPeer>;

/** Why a call ended, told to both sides. */
export const CallEndReason = z.enum(['declined', 'busy', 'no-answer', 'cancelled', 'offline', 'hung-up']);
export type CallEndReason = z.infer<typeof CallEndReason>;

// Client → server

export const Online = z.strictObject({ type: z.literal('online'), rid: RequestId.optional(), name: DisplayName });
export const Offline = z.strictObject({ type: z.literal('offline'), rid: RequestId.optional() });
export const Invite = z.strictObject({ type: z.literal('invite'), rid: RequestId.optional(), to: PeerId });
export const Accept = z.strictObject({ type: z.literal('accept'), rid: RequestId.optional(), callId: CallId });
export const Decline = z.strictObject({ type: z.literal('decline'), rid: RequestId.optional(), callId: CallId });
export const Cancel = z.strictObject({ type: z.literal('cancel'), rid: RequestId.optional(), callId: CallId });
export const Hangup = z.strictObject({ type: z.literal('hangup'), rid: RequestId.optional(), callId: CallId });

// Server → client

/** The answer to `online`: everyone else online now. */
export const Directory = z.object({
  type: z.literal('directory'),
  re: RequestId.optional(),
  self: DirectoryPeer,
  peers: z.array(DirectoryPeer),
});

/** A change in the directory: `peer` came online or changed (busy), or `removed` went offline. */
export const DirectoryUpdate = z.object({
  type: z.literal('directory-update'),
  /** Set when the update answers the receiver's own `offline`. */
  re: RequestId.optional(),
  peer: DirectoryPeer.optional(),
  removed: PeerId.optional(),
});

/** To the caller: the callee is being rung. */
export const Ringing = z.object({ type: z.literal('ringing'), re: RequestId.optional(), callId: CallId, to: DirectoryPeer });

/** To the callee: someone is calling. */
export const IncomingCall = z.object({ type: z.literal('incoming-call'), callId: CallId, from: DirectoryPeer });

/** To both: the call was accepted; join `room` (private, unguessable) to talk. */
export const CallAccepted = z.object({
  type: z.literal('call-accepted'),
  re: RequestId.optional(),
  callId: CallId,
  room: z.string(),
  peer: DirectoryPeer,
});

/** To both: the call is over (or never started), and why. */
export const CallEnded = z.object({
  type: z.literal('call-ended'),
  re: RequestId.optional(),
  callId: CallId,
  reason: CallEndReason,
  /** Who ended it, when a person did. */
  by: PeerId.optional(),
});
