export { connect, type ConnectOptions } from './connect.js';
export { ConfabClient, type ClientEvents, type ClientState, type JoinOptions, type PrepareEndReason, type PrepareOptions } from './client.js';
export type { PreparedRoom } from './lobby.js';
export { Room, type RoomEvents, type PeerLeaveReason } from './room.js';
export { RemotePeer } from './remote-peer.js';
export * from './media/exports.js';
export * from './media/talk-exports.js';
export * from './data/exports.js';
export * from './recording/exports.js';
export { Directory, nameKey, type AnyCall, type DirectoryEvents } from './directory.js';
export {
  Call,
  IncomingCall,
  OutgoingCall,
  type CallDirection,
  type CallEndedBy,
  type CallEndReason,
  type CallEvents,
  type CallState,
} from './call.js';
export { routeFromStats, ROUTE_POLL_MS, STATS_POLL_MS, type PeerRoute } from './route.js';
export { ConfabClientError, CLIENT_ERROR_CODES, type ClientErrorCode } from './errors.js';
export type { Listener, Unsubscribe, Subscribable } from './emitter.js';
export type { WebSocketConstructor, WebSocketLike } from './web-socket.js';
export { REQUEST_TIMEOUT_MS, OPEN_TIMEOUT_MS } from './signaling.js';
export { PONG_TIMEOUT_MS } from './keepalive.js';
// Surviving faults (docs/reliability.md).
export { RECONNECT_BASE_DELAY_MS, RECONNECT_MAX_DELAY_MS, reconnectDelay } from './backoff.js';
export { NETWORK_PROBE_TIMEOUT_MS, type TokenSource } from './reconnecting-channel.js';
export type { ResumeOutcome } from './handshake.js';
export type { ResumeCredentials } from './resume-storage.js';
export { REJOIN_AWAIT_MS } from './rejoin-plan.js';
export { ICE_DISCONNECTED_RESTART_MS, ICE_RESTART_MIN_INTERVAL_MS } from './ice-restarter.js';
export { POLITE_OFFER_DELAY_MS } from './polite-offer.js';
export { FAST_START_HEIGHT, FAST_START_MAX_MS } from './fast-start.js';
export { RECEIVE_STALL_CHECK_MS } from './receive-watch.js';
export {
  ConfabError,
  ERROR_CODES,
  PROTOCOL_VERSION,
  type ErrorCode,
  type ErrorRef,
  type MediaState,
  type PeerInfo,
  type DirectoryPeer,
  type SignalData,
} from '@confab/protocol';
