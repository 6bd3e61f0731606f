import { TokenBucket } from '@confab/core';

export interface FloodGuardOptions {
  perSecond: number;
  burst: number;
}

export type FloodVerdict = 'accept' | 'drop' | 'close';

/**
 * A per-connection rate limit. Messages beyond the token bucket are dropped; a connection that
 * keeps flooding while dropped (its strikes, refilled at a tenth of the rate, run out) is closed.
 */
export class FloodGuard {
  private readonly messages: TokenBucket;
  private readonly strikes: TokenBucket;
  private warned = false;

  constructor(options: FloodGuardOptions, now: () => number = Date.now) {
    this.messages = new TokenBucket(options.burst, options.perSecond, now);
    this.strikes = new TokenBucket(options.burst, options.perSecond / 10, now);
  }

  check(): FloodVerdict {
    if (this.messages.take()) {
      this.warned = false;
      return 'accept';
    }
    return this.strikes.take() ? 'drop' : 'close';
  }

  /** True once per run of dropped messages: the client is told, but not once per dropped frame. */
  shouldWarn(): boolean {
    if (this.warned) return false;
    this.warned = true;
    return true;
  }
}
