import { createRequire } from 'node:module';
import type * as IoRedis from 'ioredis';

/**
 * ioredis, loaded on first use: only multi-node mode (`REDIS_URL`) uses it, and loading it is not
 * free. A memory-mode server that imported it at start-up held about 12 MiB more RSS, and the
 * allocations of loading it made V8 grow its young generation to the maximum before the first
 * client arrived (docs/benchmarks-relay.md, "RSS per connection"). ioredis is CommonJS, so a
 * synchronous `require` keeps the cluster's set-up synchronous.
 */
let loaded: typeof IoRedis | undefined;

export function ioredis(): typeof IoRedis {
  return (loaded ??= createRequire(import.meta.url)('ioredis') as typeof IoRedis);
}
