/**
 * A sliding-window rate limit per key (a peer id): at most `max` events in any `windowMs`. Events
 * over the limit are refused and do not count, so a peer that stops flooding is heard again as
 * soon as its window has room. Transport-free; the clock is injected for tests.
 */
export class RateLimiter {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an event of `key` and says whether it is within the limit. */
  allow(key: string): boolean {
    const now = this.now();
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.times.set(key, recent);
      return false;
    }
    recent.push(now);
    this.times.set(key, recent);
    return true;
  }

  /** Forgets `key` (the peer left), so the map never outgrows the room. */
  forget(key: string): void {
    this.times.delete(key);
  }
}
