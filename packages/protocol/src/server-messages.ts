import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.js';
import { IceServer, IceTransportPolicy, PeerId, PeerInfo, RequestId } from './fields.js';
import { CallAccepted, CallEnded, Directory, DirectoryUpdate, IncomingCall, Ringing } from './directory-messages.js';
import { SignalData } from './signal.js';

/**
 * Messages the server sends. `re` names the request a message answers. These schemas are not
 * strict: a client ignores fields it does not know, so a newer server can add fields without
 * breaking older tabs.
 */

export const Welcome = z.object({
  type: z.literal('welcome'),
  re: RequestId.optional(),
  v: z.number().int(),
  peerId: PeerId,
  iceServers: z.array(IceServer),
  /** The default RTCIceTransportPolicy: `relay` sends all media through TURN (ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: IceTransportPolicy.optional(),
  /** How often the server checks liveness; a client may use it to pace its own pings. */
  heartbeatMs: z.number().int().positive(),
  /** Secret for `hello.resume` after a dropped connection; a new one comes with every welcome. */
  resumeToken: z.string().optional(),
  /** How long the server keeps a dropped peer's seat, in ms. */
  resumeGraceMs: z.number().int().nonnegative().optional(),
  /**
   * The outcome of `hello.resume`: `seat` — same id, still in the room, messages sent meanwhile
   * follow; `id` — same id but the seat is gone (e.g. the server restarted): join the room again.
   */
  resumed: z.enum(['seat', 'id']).optional(),
  /** With `resumed: 'seat'`, the room the peer is still in. */
  room: z.string().optional(),
});

export const Joined = z.object({
  type: z.literal('joined'),
  re: RequestId.optional(),
  room: z.string(),
  self: PeerInfo,
  /** Everyone already in the room, in join order. */
  peers: z.array(PeerInfo),
  maxPeers: z.number().int().positive(),
  /** Whether the room needs a password to join. */
  hasPassword: z.boolean(),
});

/** The answer to `prepare`: the access checks passed; these people are in the room now. */
export const Prepared = z.object({
  type: z.literal('prepared'),
  re: RequestId.optional(),
  room: z.string(),
  /** Everyone in the room now, in join order: the lobby pre-connects to each (it offers). */
  peers: z.array(PeerInfo),
  maxPeers: z.number().int().positive(),
});

/**
 * No longer a pending member: the answer to `unprepare` (`left`), or pushed when the pending
 * entry expired (`expired`). Close the prepared peer connections; `prepare` again to renew.
 */
export const Unprepared = z.object({
  type: z.literal('unprepared'),
  re: RequestId.optional(),
  room: z.string(),
  reason: z.enum(['left', 'expired']),
});

/** To the members: someone in the room's lobby will offer a media-less connection. Show nothing. */
export const PeerPreparing = z.object({
  type: z.literal('peer-preparing'),
  peer: z.object({ id: PeerId, name: z.string() }),
});

/** To the members: the lobby visitor went away without joining; close its prepared connection. */
export const PeerUnprepared = z.object({
  type: z.literal('peer-unprepared'),
  peerId: PeerId,
});

export const Left = z.object({
  type: z.literal('left'),
  re: RequestId.optional(),
  room: z.string(),
});

export const PeerJoined = z.object({
  type: z.literal('peer-joined'),
  peer: PeerInfo,
});

export const PeerLeft = z.object({
  type: z.literal('peer-left'),
  peerId: PeerId,
  /** `left`: a clean leave; `disconnected`: the connection closed or stopped answering. */
  reason: z.enum(['left', 'disconnected']),
});

export const PeerUpdated = z.object({
  type: z.literal('peer-updated'),
  peer: PeerInfo,
});

export const ServerSignal = z.object({
  type: z.literal('signal'),
  /** Stamped by the server: the sender cannot choose it. */
  from: PeerId,
  data: SignalData,
});

/**
 * Fresh ICE servers, sent before the TURN credentials of the last `welcome` (or `ice-servers`)
 * expire. They replace the old ones for every peer connection, current and future.
 */
export const IceServers = z.object({
  type: z.literal('ice-servers'),
  iceServers: z.array(IceServer),
});

export const Pong = z.object({
  type: z.literal('pong'),
  re: RequestId.optional(),
});

const errorCodes = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: z.enum(errorCodes),
  message: z.string(),
  re: z.object({ type: z.string().optional(), rid: z.string().optional() }).optional(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  Welcome,
  Joined,
  Prepared,
  Unprepared,
  PeerPreparing,
  PeerUnprepared,
  Left,
  PeerJoined,
  PeerLeft,
  PeerUpdated,
  ServerSignal,
  IceServers,
  Pong,
  ErrorMessage,
  Directory,
  DirectoryUpdate,
  Ringing,
  IncomingCall,
  CallAccepted,
  CallEnded,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];
export type ServerMessageOf<K extends ServerMessageType> = Extract<ServerMessage, { type: K }>;
export type ErrorMessage = z.infer<typeof ErrorMessage>;
