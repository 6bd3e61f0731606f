import { z } from 'zod';
import { DisplayName, MediaState, PeerId, RequestId, RoomName, StreamId } from './fields.js';
import { PASSWORD_MAX, RESUME_TOKEN_MAX, TOKEN_MAX } from './limits.js';
import { Accept, Cancel, Decline, Hangup, Invite, Offline, Online } from './directory-messages.js';
import { SignalData } from './signal.js';

/** Messages a client sends. One schema per `type`; `rid` is echoed back as `re` in the answer. */

export const Hello = z.strictObject({
  type: z.literal('hello'),
  rid: RequestId.optional(),
  v: z.number().int(),
  /** A JWT, required when the server is configured with AUTH_SECRET or AUTH_JWKS_URL. */
  token: z.string().min(1).max(TOKEN_MAX).optional(),
  /** Reclaims a previous session after a dropped connection: the id and the token from its welcome. */
  resume: z.strictObject({ peerId: PeerId, token: z.string().min(1).max(RESUME_TOKEN_MAX) }).optional(),
});

export const Join = z.strictObject({
  type: z.literal('join'),
  rid: RequestId.optional(),
  room: RoomName,
  name: DisplayName,
  media: MediaState.optional(),
  /** Sets the room's password when creating it; must match it when joining a room that has one. */
  password: z.string().min(1).max(PASSWORD_MAX).optional(),
});

/**
 * From the lobby of a room, before the click on Join: passes the room's access checks now and
 * becomes a pending member (not counted, not shown) whose peer connections may be set up without
 * media, so that Join only starts the media. See docs/join-latency.md.
 */
export const Prepare = z.strictObject({
  type: z.literal('prepare'),
  rid: RequestId.optional(),
  room: RoomName,
  name: DisplayName,
  password: z.string().min(1).max(PASSWORD_MAX).optional(),
});

/** Leaves the lobby: no longer a pending member of the room prepared. */
export const Unprepare = z.strictObject({
  type: z.literal('unprepare'),
  rid: RequestId.optional(),
});

export const Leave = z.strictObject({
  type: z.literal('leave'),
  rid: RequestId.optional(),
});

export const ClientSignal = z.strictObject({
  type: z.literal('signal'),
  rid: RequestId.optional(),
  to: PeerId,
  data: SignalData,
});

/** The sender's microphone/camera state (or shared screen) changed; the others get `peer-updated`. */
export const Media = z.strictObject({
  type: z.literal('media'),
  rid: RequestId.optional(),
  audio: z.boolean(),
  video: z.boolean(),
  /** The stream id of the screen being shared; absent when not sharing. */
  screen: StreamId.optional(),
});

/** Application-level keepalive, for transports without WebSocket ping frames. */
export const Ping = z.strictObject({
  type: z.literal('ping'),
  rid: RequestId.optional(),
});

export const CLIENT_MESSAGE_SCHEMAS = {
  hello: Hello,
  join: Join,
  prepare: Prepare,
  unprepare: Unprepare,
  leave: Leave,
  signal: ClientSignal,
  media: Media,
  ping: Ping,
  online: Online,
  offline: Offline,
  invite: Invite,
  accept: Accept,
  decline: Decline,
  cancel: Cancel,
  hangup: Hangup,
} as const;

export const ClientMessage = z.discriminatedUnion('type', [
  Hello,
  Join,
  Prepare,
  Unprepare,
  Leave,
  ClientSignal,
  Media,
  Ping,
  Online,
  Offline,
  Invite,
  Accept,
  Decline,
  Cancel,
  Hangup,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];
export type ClientMessageOf<K extends ClientMessageType> = Extract<ClientMessage, { type: K }>;
