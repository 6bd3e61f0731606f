import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RedisKeys } from './keys.js';

/** A node's heartbeat key lives this long unless refreshed; a dead node is noticed within ~1.5× this. */
export const DEFAULT_NODE_TTL_MS = 5_000;

/**
 * Each node keeps a heartbeat key with a TTL and watches the others'. When another node's key has
 * expired, one live node (the one that wins a lock) reaps it: its peers leave their rooms.
 */
export class NodeRegistry {
  private refreshTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    readonly nodeId: string,
    private readonly ttlMs: number,
    private readonly reap: (deadNodeId: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.register();
    this.refreshTimer = setInterval(() => void this.refresh(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.checkTimer = setInterval(() => void this.checkOthers(), Math.max(100, Math.floor(this.ttlMs / 2)));
    this.refreshTimer.unref();
    this.checkTimer.unref();
  }

  /** (Re)announces this node: after start, and after Redis comes back. */
  async register(): Promise<void> {
    await this.redis.multi().sadd(this.keys.nodes, this.nodeId).set(this.keys.nodeAlive(this.nodeId), String(Date.now()), 'PX', this.ttlMs).exec();
  }

  async stop(): Promise<void> {
    clearInterval(this.refreshTimer);
    clearInterval(this.checkTimer);
  }

  private async refresh(): Promise<void> {
    try {
      await this.redis.set(this.keys.nodeAlive(this.nodeId), String(Date.now()), 'PX', this.ttlMs);
    } catch (err) {
      this.log.warn({ err: String(err) }, 'node heartbeat failed');
    }
  }

  private async checkOthers(): Promise<void> {
    try {
      const nodes = await this.redis.smembers(this.keys.nodes);
      for (const node of nodes) {
        if (node === this.nodeId) continue;
        if (await this.redis.exists(this.keys.nodeAlive(node))) continue;
        const locked = await this.redis.set(this.keys.reapLock(node), this.nodeId, 'PX', this.ttlMs * 4, 'NX');
        if (locked !== 'OK') continue;
        this.log.warn({ deadNode: node }, 'node is dead; removing its peers');
        await this.reap(node);
        await this.redis.multi().srem(this.keys.nodes, node).del(this.keys.nodeConns(node)).exec();
      }
    } catch (err) {
      this.log.warn({ err: String(err) }, 'node liveness check failed');
    }
  }
}
