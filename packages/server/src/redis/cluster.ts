import type { ServerMessage } from '@confab/protocol';
import { randomPeerId, type SignalingCore } from '@confab/core';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { ClusterBus } from './cluster-bus.js';
import { ioredis } from './ioredis.js';
import { redisKeys } from './keys.js';
import { MirroredStore } from './local-mirror.js';
import { NodeRegistry } from './node-registry.js';
import { RedisStore } from './redis-store.js';

export interface ClusterOptions {
  redisUrl: string;
  prefix: string;
  nodeTtlMs: number;
  /** Sends to a socket on this node. */
  deliverLocal: (connId: string, msg: ServerMessage) => void;
  log: Logger;
}

export type ClusterHealth = 'ok' | 'degraded';

/** How long ioredis waits between reconnect attempts, at most. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Multi-node mode: the store lives in Redis, deliveries to other nodes go over pub/sub, and
 * nodes watch each other's heartbeats. A lost Redis makes the node report "degraded" until it
 * is back, then the node writes its own connections' state back.
 */
export class Cluster {
  readonly nodeId = randomPeerId().slice(0, 8);
  readonly store: MirroredStore;
  readonly bus: ClusterBus;
  private readonly redis: Redis;
  private readonly sub: Redis;
  private readonly registry: NodeRegistry;
  private core: SignalingCore | undefined;
  private wasReady = false;
  health: ClusterHealth = 'degraded';

  constructor(private readonly options: ClusterOptions) {
    const keys = redisKeys(options.prefix);
    const redisOptions = {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      retryStrategy: (times: number) => Math.min(times * 200, MAX_RECONNECT_DELAY_MS),
    };
    const { Redis } = ioredis();
    this.redis = new Redis(options.redisUrl, redisOptions);
    this.sub = new Redis(options.redisUrl, redisOptions);
    const log = options.log.child({ node: this.nodeId });
    this.store = new MirroredStore(new RedisStore(this.redis, keys), this.nodeId);
    this.bus = new ClusterBus(this.nodeId, this.redis, this.sub, keys, options.deliverLocal, log);
    this.registry = new NodeRegistry(this.redis, keys, this.nodeId, options.nodeTtlMs, (node) => this.reap(node), log);

    for (const client of [this.redis, this.sub]) {
      client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
      client.on('close', () => this.setHealth('degraded'));
      client.on('ready', () => void this.onReady());
    }
  }

  /** Binds the core (whose deliver is `bus.deliver`). */
  attach(core: SignalingCore): void {
    this.core = core;
  }

  async start(): Promise<void> {
    await Promise.all([this.redis.connect(), this.sub.connect()]);
    await this.bus.start();
    await this.registry.start();
    this.wasReady = true;
    this.setHealth('ok');
  }

  async stop(): Promise<void> {
    await this.registry.stop();
    this.bus.stop();
    this.redis.disconnect();
    this.sub.disconnect();
  }

  private setHealth(health: ClusterHealth): void {
    if (health === this.health) return;
    this.health = health;
    const log = this.options.log.child({ node: this.nodeId });
    if (health === 'degraded') log.error('redis unreachable: degraded');
    else log.info('redis reachable: ok');
  }

  private async onReady(): Promise<void> {
    if (!this.wasReady || this.redis.status !== 'ready' || this.sub.status !== 'ready') return;
    try {
      await this.registry.register();
      const restored = await this.store.restore();
      this.options.log.info({ node: this.nodeId, ...restored }, 'state written back to redis');
      this.setHealth('ok');
    } catch (err) {
      this.options.log.warn({ err: String(err) }, 'rebuild after redis reconnect failed');
    }
  }

  private async reap(node: string): Promise<void> {
    const core = this.core;
    if (!core) return;
    const conns = await this.store.connectionsOf(node);
    await Promise.all(conns.map((connId) => core.disconnect(connId)));
    this.bus.forget(node);
  }
}
