export { SignalingCore, DEFAULT_MAX_PEERS, DEFAULT_HEARTBEAT_MS, type CoreOptions } from './signaling-core.js';
export type { CoreConfig, CoreLogger, Deliver, Handler, HandlerContext, HandlerMap } from './context.js';
export type { SignalingStore, Session, Member, AddMemberResult } from './store.js';
export { MemoryStore } from './memory-store.js';
export { Heartbeat, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, type HeartbeatOptions } from './heartbeat.js';
export { randomPeerId } from './ids.js';
