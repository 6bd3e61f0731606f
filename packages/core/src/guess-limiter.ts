/** Wrong room passwords allowed per room within the window before further tries are refused. */
export const MAX_WRONG_PASSWORDS = 5;
export const WRONG_PASSWORD_WINDOW_MS = 60_000;

/**
 * Counts wrong passwords per room in a sliding window. Once a room has had too many, every
 * password attempt for it is refused until the oldest failure leaves the window, so guessing
 * runs at a few tries a minute whatever the number of connections.
 */
export class GuessLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = MAX_WRONG_PASSWORDS,
    private readonly windowMs = WRONG_PASSWORD_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  blocked(room: string): boolean {
    return this.recent(room).length >= this.max;
  }

  fail(room: string): void {
    const list = this.recent(room);
    list.push(this.now());
    this.failures.set(room, list);
  }

  private recent(room: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(room) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(room);
    else this.failures.set(room, list);
    return list;
  }
}
