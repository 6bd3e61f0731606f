import type { ClientMessageOf, ClientMessageType, IceServer, IceTransportPolicy, ServerMessage } from '@confab/protocol';
import type { Authenticator } from './auth/grant.js';
import type { GuessLimiter } from './guess-limiter.js';
import type { ResumeTokens } from './resume-tokens.js';
import type { SeatKeeper } from './seat-keeper.js';
import type { Session, SignalingStore } from './store.js';

/** Sends one message to one connection. The transport (ws, API Gateway, …) implements it. */
export type Deliver = (connId: string, msg: ServerMessage) => void | Promise<void>;

export interface CoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreConfig {
  /** Room capacity (MAX_PEERS). */
  maxPeers: number;
  /** Liveness interval announced in `welcome`. */
  heartbeatMs: number;
  /** ICE servers for one peer; TURN credentials may be minted per peer. */
  iceServers: (peerId: string) => IceServer[];
  /** The browsers' default ICE transport policy, announced in `welcome` when set. */
  iceTransportPolicy?: IceTransportPolicy;
  newPeerId: () => string;
  now: () => number;
  /** Checks the token in `hello`; the default lets everyone in. */
  authenticate: Authenticator;
  /** How long a dropped peer keeps its seat (RESUME_GRACE_MS); 0 disables resume. */
  resumeGraceMs: number;
  /** How long a direct call rings before it ends with no answer (CALL_RING_TIMEOUT_MS). */
  callRingTimeoutMs: number;
  newCallId: () => string;
  /** Whether `prepare` is served (PREJOIN); off, it is refused with PREJOIN_DISABLED. */
  prejoin: boolean;
  /** How long a pending (prepared) entry lasts (PENDING_TTL_MS). */
  pendingTtlMs: number;
}

/** What a handler gets: the connection, its session, and narrow access to state and delivery. */
export interface HandlerContext {
  connId: string;
  /** Undefined only before `hello`. */
  session: Session | undefined;
  store: SignalingStore;
  config: CoreConfig;
  deliver: Deliver;
  /** Wrong room passwords, counted per room. */
  guesses: GuessLimiter;
  /** Seats of dropped peers, and what was sent to them meanwhile. */
  seats: SeatKeeper;
  tokens: ResumeTokens;
  /** Asks the transport to close another connection (a half-open one whose session was resumed). */
  closeConnection(connId: string): void;
  /** Ends `callId` with no-answer unless it was answered within the ring timeout. */
  startRinging(callId: string): void;
  stopRinging(callId: string): void;
  /** Ends the connection's pending entry (`unprepared`, `expired`) unless it is gone within the TTL. */
  startPendingExpiry(connId: string): void;
  stopPendingExpiry(connId: string): void;
  /** Replies to the connection that sent the message. */
  reply(msg: ServerMessage): Promise<void>;
  /** Delivers to each target, skipping failures so one dead connection cannot block the rest. */
  broadcast(targets: readonly { connId: string }[], msg: ServerMessage): Promise<void>;
}

export type Handler<M> = (ctx: HandlerContext, msg: M) => Promise<void>;

/** One handler per client message type: a missing one is a compile error. */
export type HandlerMap = { [K in ClientMessageType]: Handler<ClientMessageOf<K>> };
