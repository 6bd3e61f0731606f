import {
  PROTOCOL_VERSION,
  parseServerMessage,
  type ClientMessage,
  type ErrorMessage,
  type ServerMessage,
  type ServerMessageOf,
  type SignalData,
} from '@confab/protocol';
import { WebSocket } from 'ws';
import type { SignalLedger } from './accounting.js';
import type { ErrorTally } from './error-tally.js';
import { iceCandidate, newIceIdentity, readSignalId, sessionDescription, type IceIdentity, type SignalKind } from './signal-payload.js';

/**
 * One simulated person: a WebSocket that says `hello`, joins a room, and negotiates with everyone
 * in it as a browser would (the newcomer offers to each peer already there, the other answers,
 * and both trickle candidates), then leaves. Every signal is entered in the ledger before it goes
 * out and checked against it when it arrives.
 */

/** How long `welcome`, `joined` or `left` may take before the step counts as failed. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface PeerDeps {
  url: string;
  token: string | undefined;
  /** Accept a TLS certificate that does not verify (self-signed test deployments). */
  insecure: boolean;
  ledger: SignalLedger;
  errors: ErrorTally;
  /** Candidates each side trickles per negotiation. */
  candidatesPerPair: number;
  /** Called with ws open + hello → welcome, and join → joined, in ms. */
  onConnectLatency(ms: number): void;
  onJoinLatency(ms: number): void;
}

/** Why a step failed: the server's error code, or one of the tool's own (`TIMEOUT_JOIN`, `CONNECT_FAILED`, …). */
export class StepFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Any failure as a StepFailed; what is not one is a bug of the tool, counted as LOAD_TOOL_ERROR. */
export function asStepFailed(error: unknown): StepFailed {
  return error instanceof StepFailed ? error : new StepFailed('LOAD_TOOL_ERROR', error instanceof Error ? error.message : String(error));
}

interface Waiter {
  resolve(msg: ServerMessage): void;
  reject(error: StepFailed): void;
}

function connectFailure(error: Error): StepFailed {
  const status = /Unexpected server response: (\d+)/.exec(error.message);
  return new StepFailed(status ? `HTTP_${status[1]}` : 'CONNECT_FAILED', error.message);
}

export class LoadPeer {
  /** Assigned by the server in `welcome`. */
  id = '';
  private readonly ws: WebSocket;
  private readonly waiters = new Map<string, Waiter>();
  private readonly ice: IceIdentity = newIceIdentity();
  private nextRid = 0;
  private leaving = false;
  private closedByUs = false;
  /** Resolves when the socket has closed, for whatever reason. */
  readonly closed: Promise<void>;
  /** Called when the server closed an established session, or it failed: not when we closed it. */
  onLost: () => void = () => {};

  private constructor(private readonly deps: PeerDeps) {
    this.ws = new WebSocket(deps.url, { perMessageDeflate: false, rejectUnauthorized: !deps.insecure });
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) return this.deps.errors.add('INVALID_SERVER_MESSAGE', 'a binary frame');
      this.handle(String(data));
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        const failure = new StepFailed(`CLOSED_${code}`, `the connection closed (${code} ${String(reason)})`);
        // A pending step fails with the close, and whoever awaits it counts the error.
        const awaited = this.waiters.size > 0;
        for (const waiter of this.waiters.values()) waiter.reject(failure);
        this.waiters.clear();
        if (this.id) this.deps.ledger.departed(this.id);
        // Before `welcome`, connect() reports the failure.
        if (!this.closedByUs && this.id) {
          if (!awaited) this.deps.errors.add(failure.code, failure.message);
          this.onLost();
        }
        resolve();
      });
    });
  }

  /** Opens the socket and completes `hello` → `welcome`. */
  static async connect(deps: PeerDeps): Promise<LoadPeer> {
    const started = performance.now();
    const peer = new LoadPeer(deps);
    try {
      await new Promise<void>((resolve, reject) => {
        peer.ws.once('open', () => resolve());
        peer.ws.once('error', (error) => reject(connectFailure(error)));
      });
      peer.ws.on('error', () => {
        // Reported through 'close', which always follows.
      });
      const welcome = await peer.request<'welcome'>(
        (rid) => ({ type: 'hello', rid, v: PROTOCOL_VERSION, ...(deps.token ? { token: deps.token } : {}) }),
        'welcome',
      );
      peer.id = welcome.peerId;
    } catch (error) {
      peer.close();
      throw error;
    }
    deps.onConnectLatency(performance.now() - started);
    return peer;
  }

  /** `join` → `joined`, then offers to everyone already in the room. */
  async join(room: string, name: string): Promise<void> {
    const started = performance.now();
    const joined = await this.request<'joined'>((rid) => ({ type: 'join', rid, room, name, media: { audio: true, video: true } }), 'joined');
    this.deps.onJoinLatency(performance.now() - started);
    for (const other of joined.peers) this.negotiate(other.id, 'offer');
  }

  /** Marks itself departed, sends `leave`, waits for `left`, closes. */
  async leave(): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    this.deps.ledger.departed(this.id);
    try {
      await this.request<'left'>((rid) => ({ type: 'leave', rid }), 'left');
    } finally {
      this.close();
    }
  }

  close(): void {
    this.closedByUs = true;
    this.leaving = true;
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.terminate();
  }

  private send(msg: ClientMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private request<K extends 'welcome' | 'joined' | 'left'>(make: (rid: string) => ClientMessage, answer: K): Promise<ServerMessageOf<K>> {
    const rid = `r${++this.nextRid}`;
    return new Promise<ServerMessageOf<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(rid);
        reject(new StepFailed(`TIMEOUT_${answer.toUpperCase()}`, `no ${answer} within ${HANDSHAKE_TIMEOUT_MS} ms`));
      }, HANDSHAKE_TIMEOUT_MS);
      this.waiters.set(rid, {
        resolve: (msg) => {
          clearTimeout(timer);
          if (msg.type === answer) resolve(msg as ServerMessageOf<K>);
          else reject(new StepFailed('UNEXPECTED_ANSWER', `expected ${answer}, got ${msg.type}`));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.send(make(rid));
    });
  }

  /** Sends the description of `kind` to `to`, then the trickled candidates. */
  private negotiate(to: string, kind: 'offer' | 'answer'): void {
    this.sendSignal(to, kind, (id) => sessionDescription(kind, id, this.ice));
    for (let i = 0; i < this.deps.candidatesPerPair; i++) this.sendSignal(to, 'candidate', (id) => iceCandidate(id, i, this.ice));
  }

  private sendSignal(to: string, kind: SignalKind, make: (id: number) => SignalData): void {
    if (this.leaving || this.ws.readyState !== WebSocket.OPEN) return;
    const id = this.deps.ledger.nextId();
    this.deps.ledger.sent(id, this.id, to, kind);
    this.send({ type: 'signal', rid: `s${id}`, to, data: make(id) });
  }

  private handle(text: string): void {
    const parsed = parseServerMessage(text);
    if (!parsed.ok) {
      this.deps.errors.add('INVALID_SERVER_MESSAGE', `${parsed.error.code}: ${parsed.error.message}`);
      return;
    }
    const msg = parsed.msg;
    if ('re' in msg && typeof msg.re === 'string' && msg.type !== 'error') {
      const waiter = this.waiters.get(msg.re);
      if (waiter) {
        this.waiters.delete(msg.re);
        waiter.resolve(msg);
        return;
      }
    }
    switch (msg.type) {
      case 'signal':
        return this.onSignal(msg.from, msg.data);
      case 'error':
        return this.onError(msg);
      default:
        // peer-joined, peer-left, peer-updated, ice-servers: nothing to do; the newcomer offers.
        return;
    }
  }

  private onSignal(from: string, data: SignalData): void {
    const signal = readSignalId(data);
    if (!signal) {
      this.deps.errors.add('UNREADABLE_SIGNAL', `a signal from ${from} carries no signal id`);
      return;
    }
    const outcome = this.deps.ledger.received(signal.id, from, this.id);
    if (outcome === 'delivered' && signal.kind === 'offer') this.negotiate(from, 'answer');
  }

  private onError(msg: ErrorMessage): void {
    const rid = msg.re?.rid;
    const waiter = rid === undefined ? undefined : this.waiters.get(rid);
    if (rid !== undefined && waiter) {
      this.waiters.delete(rid);
      waiter.reject(new StepFailed(msg.code, msg.message));
      return;
    }
    if (msg.re?.type === 'signal' && rid?.startsWith('s') && msg.code === 'PEER_NOT_FOUND') {
      if (this.deps.ledger.refused(Number(rid.slice(1)))) return; // its recipient had left: expected
    }
    this.deps.errors.add(msg.code, msg.message);
  }
}
