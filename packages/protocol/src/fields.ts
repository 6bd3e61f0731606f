import { z } from 'zod';
import {
  DISPLAY_NAME_FORBIDDEN,
  DISPLAY_NAME_MAX,
  PEER_ID_MAX,
  PEER_ID_PATTERN,
  REQUEST_ID_MAX,
  ROOM_NAME_MAX,
  ROOM_NAME_PATTERN,
  STREAM_ID_MAX,
  STREAM_ID_PATTERN,
} from './limits.js';

/** Field schemas reused across messages. */

export const RoomName = z
  .string()
  .min(1, 'room name is empty')
  .max(ROOM_NAME_MAX, `room name is longer than ${ROOM_NAME_MAX} characters`)
  .regex(ROOM_NAME_PATTERN, 'room name may contain only letters, digits, "-" and "_"');

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(DISPLAY_NAME_MAX, `name is longer than ${DISPLAY_NAME_MAX} characters`)
  .refine((s) => !DISPLAY_NAME_FORBIDDEN.test(s), 'name contains control characters');

export const PeerId = z.string().min(1).max(PEER_ID_MAX).regex(PEER_ID_PATTERN);
export type PeerId = z.infer<typeof PeerId>;

/** A client-chosen id that the answer (or error) to a request echoes back as `re`. */
export const RequestId = z.string().min(1).max(REQUEST_ID_MAX);

/**
 * The id of a MediaStream as it appears in SDP (`a=msid:<stream-id> <track-id>`): RFC 8830
 * allows 1 to 64 token characters. Browsers use UUIDs, with or without braces.
 */
export const StreamId = z.string().min(1).max(STREAM_ID_MAX).regex(STREAM_ID_PATTERN);

/**
 * Whether a peer is sending audio and video. Drives the "muted" badges the others see.
 * `screen`, when present, is the stream id (msid) of the screen the peer is sharing: receivers
 * tell that track from the camera by it. Optional, so clients that do not share screens omit it.
 */
export const MediaState = z.strictObject({ audio: z.boolean(), video: z.boolean(), screen: StreamId.optional() });
export type MediaState = z.infer<typeof MediaState>;

export const PeerInfo = z.object({ id: PeerId, name: z.string(), media: MediaState });
export type PeerInfo = z.infer<typeof PeerInfo>;

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/** RTCIceTransportPolicy: `all` candidates, or `relay` (TURN) only. */
export const IceTransportPolicy = z.enum(['all', 'relay']);
export type IceTransportPolicy = z.infer<typeof IceTransportPolicy>;
