export interface FloodGuardOptions {
  perSecond: number;
  burst: number;
}

export type FloodVerdict = 'accept' | 'drop' | 'close';

/** Strikes refill at this fraction of the message rate. */
const STRIKE_RATE_FRACTION = 10;

/**
 * A per-connection rate limit. Messages beyond a token bucket (`burst` tokens, refilled at
 * `perSecond`) are dropped; a connection that keeps flooding while dropped (its strikes, a second
 * bucket refilled at a tenth of the rate, run out) is closed.
 *
 * Both buckets live in plain number fields refilled from one clock reading, which the caller
 * passes in (it has read the clock for the frame already): a guard per connection stays small.
 */
export class FloodGuard {
  private tokens: number;
  private strikes: number;
  private last: number;
  private warned = false;

  constructor(
    private readonly options: FloodGuardOptions,
    now: number = Date.now(),
  ) {
    this.tokens = options.burst;
    this.strikes = options.burst;
    this.last = now;
  }

  check(now: number = Date.now()): FloodVerdict {
    const { burst, perSecond } = this.options;
    const refill = ((now - this.last) / 1000) * perSecond;
    this.last = now;
    if (refill > 0) {
      this.tokens = Math.min(burst, this.tokens + refill);
      this.strikes = Math.min(burst, this.strikes + refill / STRIKE_RATE_FRACTION);
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.warned = false;
      return 'accept';
    }
    if (this.strikes >= 1) {
      this.strikes -= 1;
      return 'drop';
    }
    return 'close';
  }

  /** True once per run of dropped messages: the client is told, but not once per dropped frame. */
  shouldWarn(): boolean {
    if (this.warned) return false;
    this.warned = true;
    return true;
  }
}
