import type { ServerMessage } from '@confab/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { nodeOf, type RedisKeys } from './keys.js';

/** Messages kept per destination node for resending after a detected gap. */
export const RESEND_BUFFER_SIZE = 4096;
/** How long a receiver waits for a missing message before delivering what it has and resyncing. */
export const GAP_WAIT_MS = 1_000;
/** How often a sender announces its next sequence number on busy links, so a lost last message is noticed too. */
export const MARK_INTERVAL_MS = 1_000;

/** What travels on a node's channel. */
type Envelope =
  | { kind: 'msg'; from: string; seq: number; to: string; msg: ServerMessage }
  | { kind: 'resend'; from: string; since: number; until: number }
  | { kind: 'reset'; from: string; next: number }
  | { kind: 'mark'; from: string; next: number };

interface Link {
  /** Next sequence number expected from this node; every link starts at 0 (node ids are new per process). */
  expected: number;
  /** Out-of-order messages held while a gap is being filled, by seq. */
  held: Map<number, Extract<Envelope, { kind: 'msg' }>>;
  gapTimer: NodeJS.Timeout | undefined;
}

/**
 * Delivers messages to connections held by other nodes through Redis pub/sub. Each link from one
 * node to another numbers its messages; a receiver that sees a gap asks the sender to resend the
 * missing ones from its buffer, and holds later ones so delivery stays in order. Pub/sub is at most
 * once: a gap that cannot be filled is logged and skipped, never silently.
 */
export class ClusterBus {
  private readonly sendSeq = new Map<string, number>();
  private readonly sent = new Map<string, Extract<Envelope, { kind: 'msg' }>[]>();
  private readonly links = new Map<string, Link>();
  /** Nodes sent to since the last mark. */
  private readonly busy = new Set<string>();
  private markTimer: NodeJS.Timeout | undefined;
  /** Test hook: drop outgoing messages for which this returns true (simulates pub/sub loss). */
  dropOutgoing: ((seq: number) => boolean) | undefined;
  gapsDetected = 0;
  resent = 0;

  constructor(
    private readonly nodeId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly keys: RedisKeys,
    private readonly deliverLocal: (connId: string, msg: ServerMessage) => void,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.sub.on('messageBuffer', (_channel: Buffer, data: Buffer) => this.onEnvelope(data));
    await this.sub.subscribe(this.keys.channel(this.nodeId));
    this.markTimer = setInterval(() => this.sendMarks(), MARK_INTERVAL_MS);
    this.markTimer.unref();
  }

  /** The core's `deliver` in multi-node mode. */
  readonly deliver = (connId: string, msg: ServerMessage): void => {
    const node = nodeOf(connId);
    if (node === this.nodeId) return this.deliverLocal(connId, msg);
    const seq = this.sendSeq.get(node) ?? 0;
    this.sendSeq.set(node, seq + 1);
    const envelope: Extract<Envelope, { kind: 'msg' }> = { kind: 'msg', from: this.nodeId, seq, to: connId, msg };
    const buffer = this.sent.get(node) ?? [];
    buffer.push(envelope);
    if (buffer.length > RESEND_BUFFER_SIZE) buffer.shift();
    this.sent.set(node, buffer);
    this.busy.add(node);
    if (this.dropOutgoing?.(seq)) return;
    this.publish(node, envelope);
  };

  /** Forget a dead node's link state. */
  forget(node: string): void {
    this.sendSeq.delete(node);
    this.sent.delete(node);
    const link = this.links.get(node);
    clearTimeout(link?.gapTimer);
    this.links.delete(node);
  }

  stop(): void {
    clearInterval(this.markTimer);
    for (const link of this.links.values()) clearTimeout(link.gapTimer);
  }

  private sendMarks(): void {
    for (const node of this.busy) this.publish(node, { kind: 'mark', from: this.nodeId, next: this.sendSeq.get(node) ?? 0 });
    this.busy.clear();
  }

  private publish(node: string, envelope: Envelope): void {
    this.pub.publish(this.keys.channel(node), JSON.stringify(envelope)).catch((err: unknown) => {
      this.log.warn({ err, node }, 'publish failed');
    });
  }

  private onEnvelope(data: Buffer): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(data.toString('utf8')) as Envelope;
    } catch {
      this.log.warn('unreadable bus message');
      return;
    }
    if (envelope.kind === 'resend') return this.onResend(envelope);
    const link = this.linkOf(envelope.from);
    if (envelope.kind === 'reset') return this.flushHeld(link, envelope.next);
    if (envelope.kind === 'mark') return this.onMark(link, envelope.from, envelope.next);
    this.onMessage(link, envelope);
  }

  private linkOf(node: string): Link {
    let link = this.links.get(node);
    if (!link) {
      link = { expected: 0, held: new Map(), gapTimer: undefined };
      this.links.set(node, link);
    }
    return link;
  }

  private onMessage(link: Link, envelope: Extract<Envelope, { kind: 'msg' }>): void {
    if (envelope.seq < link.expected) return; // a duplicate from a resend
    if (envelope.seq > link.expected) {
      link.held.set(envelope.seq, envelope);
      this.startGap(link, envelope.from, envelope.seq);
      return;
    }
    this.deliverLocal(envelope.to, envelope.msg);
    this.flushHeld(link, envelope.seq + 1);
  }

  /** The sender has sent up to `next - 1`: anything missing is a gap, even with nothing after it. */
  private onMark(link: Link, from: string, next: number): void {
    if (next > link.expected) this.startGap(link, from, next);
  }

  /** Asks `from` to resend [expected, upTo) and gives it GAP_WAIT_MS before skipping the gap. */
  private startGap(link: Link, from: string, upTo: number): void {
    if (link.gapTimer) return;
    this.gapsDetected++;
    this.log.warn({ from, expected: link.expected, upTo }, 'bus gap detected; asking for resend');
    this.publish(from, { kind: 'resend', from: this.nodeId, since: link.expected, until: upTo - 1 });
    link.gapTimer = setTimeout(() => {
      link.gapTimer = undefined;
      const next = link.held.size > 0 ? Math.min(...link.held.keys()) : upTo;
      if (next <= link.expected) return;
      this.log.error({ from, lost: next - link.expected }, 'bus messages lost; skipping the gap');
      this.flushHeld(link, next);
    }, GAP_WAIT_MS);
    link.gapTimer.unref();
  }

  /** Delivers held messages in order from `next` while there is no gap. */
  private flushHeld(link: Link, next: number): void {
    link.expected = Math.max(link.expected, next);
    for (let env = link.held.get(link.expected); env; env = link.held.get(link.expected)) {
      link.held.delete(env.seq);
      this.deliverLocal(env.to, env.msg);
      link.expected = env.seq + 1;
    }
    for (const seq of link.held.keys()) if (seq < link.expected) link.held.delete(seq);
    if (link.held.size === 0) {
      clearTimeout(link.gapTimer);
      link.gapTimer = undefined;
    }
  }

  private onResend(request: Extract<Envelope, { kind: 'resend' }>): void {
    const buffer = this.sent.get(request.from) ?? [];
    const oldest = buffer[0]?.seq ?? request.since;
    if (oldest > request.since) {
      this.log.error({ to: request.from, since: request.since, oldest }, 'resend requested beyond buffer; resetting link');
      this.publish(request.from, { kind: 'reset', from: this.nodeId, next: oldest });
    }
    for (const env of buffer) {
      if (env.seq >= request.since && env.seq <= request.until) {
        this.resent++;
        this.publish(request.from, env);
      }
    }
  }
}
