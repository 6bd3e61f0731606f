import { randomBytes } from 'node:crypto';
import {
  ConfabError,
  errorMessage,
  parseClientMessage,
  relayedSignalJson,
  scanCandidateSignal,
  type ClientMessage,
  type ClientMessageOf,
  type ServerMessage,
} from '@confab/protocol';
import type { CoreConfig, CoreLogger, Deliver, HandlerContext } from './context.js';
import { openAccess } from './auth/grant.js';
import { GuessLimiter } from './guess-limiter.js';
import { handlers } from './handlers/index.js';
import { randomPeerId } from './ids.js';
import { applyToCall, exitDirectory } from './directory.js';
import { exitLobby, PENDING_TTL_MS } from './lobby.js';
import { exitRoom } from './room-exit.js';
import { SerialQueue } from './serial-queue.js';
import { ResumeTokens } from './resume-tokens.js';
import { SeatKeeper } from './seat-keeper.js';
import type { SignalingStore, SyncReads } from './store.js';

export const DEFAULT_MAX_PEERS = 4;
export const DEFAULT_HEARTBEAT_MS = 5_000;
export const DEFAULT_RESUME_GRACE_MS = 20_000;
export const DEFAULT_CALL_RING_TIMEOUT_MS = 30_000;

export interface CoreOptions extends Partial<CoreConfig> {
  store: SignalingStore;
  deliver: Deliver;
  log?: CoreLogger;
  /** Key of the resume tokens. Keep it across restarts so clients keep their ids; random by default. */
  resumeSecret?: string | Buffer;
  /** Closes a connection at the transport (a half-open one whose session moved elsewhere). */
  closeConnection?: (connId: string) => void;
  /**
   * Sends a server message already written as JSON (the relayed candidate `signal` of the fast
   * path): what `deliver` does with the message, without serialising it. Given together with an
   * in-process store, candidate signals are relayed without being parsed into objects at all
   * (scanCandidateSignal); without it, every frame is parsed.
   */
  deliverJson?: DeliverJson;
}

export type DeliverJson = (connId: string, json: string) => void;

export interface DisconnectOptions {
  /** A clean close (close frame, leave): no seat is kept. */
  graceful?: boolean;
  /** How long the connection had already been silent; the seat is kept for the rest of the grace period. */
  silentForMs?: number;
}

const silent: CoreLogger = { info() {}, warn() {}, error() {} };
const DONE: Promise<void> = Promise.resolve();
/** The SDK's keepalive as `JSON.stringify` writes it (no `rid`), and the answer to it. */
const PING_JSON = '{"type":"ping"}';
const PONG_JSON = '{"type":"pong"}';

type Signal = ClientMessageOf<'signal'>;

/**
 * The signaling core. A transport feeds it `receive(connId, text)` and `disconnect(connId)`;
 * it answers through `deliver(connId, msg)`. It knows nothing of sockets, Redis or Lambda.
 */
export class SignalingCore {
  readonly config: CoreConfig;
  private readonly store: SignalingStore;
  private readonly syncReads: SyncReads | undefined;
  private readonly deliverFn: Deliver;
  private readonly deliverJson: DeliverJson | undefined;
  private readonly log: CoreLogger;
  private readonly queue = new SerialQueue();
  private readonly guesses: GuessLimiter;
  private readonly seats: SeatKeeper;
  private readonly tokens: ResumeTokens;
  private readonly closeConnection: (connId: string) => void;
  /** Ring timers of direct calls, by call id. */
  private readonly rings = new Map<string, ReturnType<typeof setTimeout>>();
  /** Expiry timers of pending (prepared) entries, by connection id. */
  private readonly pendingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(options: CoreOptions) {
    this.store = options.store;
    this.syncReads = options.store.syncReads;
    const outbound = options.deliver;
    // A dropped peer's deliveries wait in its seat until it resumes.
    this.deliverFn = (connId, msg) => (this.seats.hold(connId, msg) ? undefined : outbound(connId, msg));
    this.deliverJson = this.syncReads && options.deliverJson;
    this.log = options.log ?? silent;
    this.closeConnection = options.closeConnection ?? (() => {});
    this.tokens = new ResumeTokens(options.resumeSecret ?? randomBytes(32));
    this.config = {
      maxPeers: options.maxPeers ?? DEFAULT_MAX_PEERS,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      iceServers: options.iceServers ?? (() => []),
      ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
      newPeerId: options.newPeerId ?? randomPeerId,
      now: options.now ?? Date.now,
      authenticate: options.authenticate ?? openAccess,
      resumeGraceMs: options.resumeGraceMs ?? DEFAULT_RESUME_GRACE_MS,
      callRingTimeoutMs: options.callRingTimeoutMs ?? DEFAULT_CALL_RING_TIMEOUT_MS,
      newCallId: options.newCallId ?? randomPeerId,
      prejoin: options.prejoin ?? true,
      pendingTtlMs: options.pendingTtlMs ?? PENDING_TTL_MS,
    };
    this.guesses = new GuessLimiter(undefined, undefined, this.config.now);
    this.seats = new SeatKeeper();
  }

  /**
   * Handles one text frame from a connection. Never throws: every failure becomes an error reply.
   * Parsing is pure, so it happens at once; handling waits for the connection's earlier frames.
   */
  receive(connId: string, text: string): Promise<void> {
    const deliverJson = this.deliverJson;
    if (deliverJson !== undefined && (this.pongNow(connId, text, deliverJson) || this.relayCandidateNow(connId, text, deliverJson))) return DONE;
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return this.queue.run(connId, () => this.sendError(connId, parsed.error));
    if (parsed.msg.type === 'signal' && this.relayNow(connId, parsed.msg)) return DONE;
    const msg = parsed.msg;
    return this.queue.run(connId, () => this.dispatch(connId, msg));
  }

  /**
   * Where the `signal` handler's happy path would send a signal to `to`, found in the tick the
   * frame arrived: for in-process stores and a connection with nothing else queued (so its frames
   * stay in order). Undefined leaves the message to the handler, which also answers every failure
   * (no session, no room, no such peer).
   */
  private relayTarget(connId: string, to: string): { from: string; connId: string } | undefined {
    const reads = this.syncReads;
    if (!reads || this.queue.busy(connId)) return undefined;
    const session = reads.sessionNow(connId);
    if (session?.room === undefined || to === session.peerId) return undefined;
    const target = reads.memberNow(session.room, to);
    return target && { from: session.peerId, connId: target.connId };
  }

  /**
   * The synchronous relay of a validated `signal` object (a description, or a candidate the
   * scanner left alone); false leaves it to the handler.
   */
  private relayNow(connId: string, msg: Signal): boolean {
    const target = this.relayTarget(connId, msg.to);
    if (!target) return false;
    const out: ServerMessage = { type: 'signal', from: target.from, data: msg.data };
    try {
      const pending = this.deliverFn(target.connId, out);
      if (pending) pending.catch((err: unknown) => this.deliveryFailed(err, target.connId, out));
    } catch (err) {
      this.deliveryFailed(err, target.connId, out);
    }
    return true;
  }

  /**
   * The SDK's `ping` (every connected client sends one every `heartbeatMs`) answered from its
   * text: what the handler would reply, without parsing, validating, queueing or a store read,
   * which left about a kilobyte of garbage per ping (docs/benchmarks-relay.md). False for anything
   * else (a ping with a `rid`, other spacing), before `hello`, or behind the connection's earlier
   * frames: those go the ordinary way.
   */
  private pongNow(connId: string, text: string, deliverJson: DeliverJson): boolean {
    if (text !== PING_JSON || this.queue.busy(connId) || this.syncReads?.sessionNow(connId) === undefined) return false;
    try {
      deliverJson(connId, PONG_JSON);
    } catch (err) {
      this.log.warn({ err, connId, type: 'pong' }, 'delivery failed');
    }
    return true;
  }

  /**
   * The relay of a candidate `signal` straight from its text (scanCandidateSignal checks it as
   * the schema would and hands back its data as JSON), written out by concatenation. False for
   * anything else, and for a target whose seat is parked: those go the ordinary way.
   */
  private relayCandidateNow(connId: string, text: string, deliverJson: DeliverJson): boolean {
    const scanned = scanCandidateSignal(text);
    if (scanned === undefined) return false;
    const target = this.relayTarget(connId, scanned.to);
    if (!target || this.seats.isParked(target.connId)) return false;
    try {
      deliverJson(target.connId, relayedSignalJson(target.from, scanned.data));
    } catch (err) {
      this.log.warn({ err, connId: target.connId, type: 'signal' }, 'delivery failed');
    }
    return true;
  }

  /** Handles an already-validated message (for transports that parse on their own). */
  handle(connId: string, msg: ClientMessage): Promise<void> {
    return this.queue.run(connId, () => this.dispatch(connId, msg));
  }

  /**
   * The connection is gone. A clean close (`graceful`) leaves at once; a drop keeps the peer's
   * seat for the resume grace period, then leaves. Either way the others hear peer-left once.
   */
  disconnect(connId: string, { graceful = true, silentForMs = 0 }: DisconnectOptions = {}): Promise<void> {
    return this.queue.run(connId, async () => {
      try {
        const session = await this.store.getSession(connId);
        if (!session) return;
        // A lobby's preparation does not outlive its connection, even while the seat is kept.
        if (session.prepared !== undefined) {
          await exitLobby(this.context(connId, session), session);
          await this.store.putSession(session);
        }
        const graceLeft = this.config.resumeGraceMs - silentForMs;
        if (!graceful && graceLeft > 0) {
          this.seats.park(connId, graceLeft, () => void this.queue.run(connId, () => this.release(connId)));
          return;
        }
        await this.release(connId);
      } catch (err) {
        this.log.error({ err, connId }, 'disconnect cleanup failed');
      }
    });
  }

  /**
   * For deliveries that arrive from elsewhere (another node): queues the message if `connId` is a
   * dropped peer's seat. Returns false if the connection is not parked.
   */
  hold(connId: string, msg: ServerMessage): boolean {
    return this.seats.hold(connId, msg);
  }

  /** Stops the seat and ring timers (shutdown). */
  stop(): void {
    this.seats.clear();
    for (const timer of this.rings.values()) clearTimeout(timer);
    this.rings.clear();
    for (const timer of this.pendingTimers.values()) clearTimeout(timer);
    this.pendingTimers.clear();
  }

  /** The session is gone for good: out of its room, its call and the directory; forgotten. */
  private async release(connId: string): Promise<void> {
    const session = await this.store.getSession(connId);
    if (!session) return;
    const ctx = this.context(connId, session);
    await exitLobby(ctx, session);
    await exitRoom(ctx, session, 'disconnected');
    await exitDirectory(ctx, session);
    await this.store.deleteSession(connId);
  }

  private startRinging(callId: string): void {
    this.stopRinging(callId);
    const timer = setTimeout(() => {
      this.rings.delete(callId);
      void this.queue.run(`call:${callId}`, () => this.ringTimedOut(callId));
    }, this.config.callRingTimeoutMs);
    (timer as { unref?: () => void }).unref?.();
    this.rings.set(callId, timer);
  }

  private startPendingExpiry(connId: string): void {
    this.stopPendingExpiry(connId);
    const timer = setTimeout(() => {
      this.pendingTimers.delete(connId);
      void this.queue.run(connId, () => this.pendingExpired(connId));
    }, this.config.pendingTtlMs);
    (timer as { unref?: () => void }).unref?.();
    this.pendingTimers.set(connId, timer);
  }

  private stopPendingExpiry(connId: string): void {
    clearTimeout(this.pendingTimers.get(connId));
    this.pendingTimers.delete(connId);
  }

  /** A forgotten lobby: its pending entry goes, the members close what they prepared, the visitor is told. */
  private async pendingExpired(connId: string): Promise<void> {
    try {
      const session = await this.store.getSession(connId);
      if (session?.prepared === undefined) return;
      const room = await exitLobby(this.context(connId, session), session);
      await this.store.putSession(session);
      if (room !== undefined) await this.safeDeliver(connId, { type: 'unprepared', room, reason: 'expired' });
    } catch (err) {
      this.log.error({ err, connId }, 'pending expiry failed');
    }
  }

  private stopRinging(callId: string): void {
    clearTimeout(this.rings.get(callId));
    this.rings.delete(callId);
  }

  private async ringTimedOut(callId: string): Promise<void> {
    try {
      const call = await this.store.getCall(callId);
      if (call) await applyToCall(this.context(`call:${callId}`, undefined), call, 'timeout', 'server');
    } catch (err) {
      this.log.error({ err, callId }, 'ring timeout failed');
    }
  }

  /** Refuses a frame the transport could not pass on (binary, rate-limited), in order with the connection's other answers. */
  reject(connId: string, error: ConfabError): Promise<void> {
    return this.queue.run(connId, () => this.sendError(connId, error));
  }

  private async sendError(connId: string, error: ConfabError): Promise<void> {
    await this.safeDeliver(connId, errorMessage(error));
  }

  private async dispatch(connId: string, msg: ClientMessage): Promise<void> {
    try {
      const session = await this.store.getSession(connId);
      if (!session && msg.type !== 'hello') {
        throw new ConfabError('HELLO_REQUIRED', 'Send hello first.', { type: msg.type, rid: msg.rid });
      }
      const handler = handlers[msg.type] as (ctx: HandlerContext, m: ClientMessage) => Promise<void>;
      await handler(this.context(connId, session), msg);
    } catch (err) {
      if (err instanceof ConfabError) {
        await this.sendError(connId, err);
      } else {
        this.log.error({ err, connId, type: msg.type }, 'handler failed');
        await this.sendError(
          connId,
          new ConfabError('INTERNAL_ERROR', 'The server failed to handle this message.', { type: msg.type, rid: msg.rid }),
        );
      }
    }
  }

  private context(connId: string, session: HandlerContext['session']): HandlerContext {
    return {
      connId,
      session,
      store: this.store,
      config: this.config,
      deliver: this.deliverFn,
      guesses: this.guesses,
      seats: this.seats,
      tokens: this.tokens,
      closeConnection: this.closeConnection,
      startRinging: (callId) => this.startRinging(callId),
      stopRinging: (callId) => this.stopRinging(callId),
      startPendingExpiry: (id) => this.startPendingExpiry(id),
      stopPendingExpiry: (id) => this.stopPendingExpiry(id),
      reply: (msg) => this.safeDeliver(connId, msg),
      broadcast: (members, msg) => this.broadcast(members, msg),
    };
  }

  private async broadcast(targets: readonly { connId: string }[], msg: ServerMessage): Promise<void> {
    await Promise.all(targets.map((t) => this.safeDeliver(t.connId, msg)));
  }

  private async safeDeliver(connId: string, msg: ServerMessage): Promise<void> {
    try {
      await this.deliverFn(connId, msg);
    } catch (err) {
      this.deliveryFailed(err, connId, msg);
    }
  }

  private deliveryFailed(err: unknown, connId: string, msg: ServerMessage): void {
    this.log.warn({ err, connId, type: msg.type }, 'delivery failed');
  }
}
