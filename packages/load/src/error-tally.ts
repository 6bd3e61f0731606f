/**
 * Errors of a load run by code: the server's error codes (`ROOM_FULL`, `RATE_LIMITED`, …) as they
 * arrive, and the tool's own for what the protocol has no code for (`CONNECT_FAILED`,
 * `CLOSED_1008`, `TIMEOUT_JOIN`, `INVALID_SERVER_MESSAGE`, …). The first message of each code is kept.
 */
export class ErrorTally {
  private readonly counts = new Map<string, number>();
  private readonly firstMessages = new Map<string, string>();

  add(code: string, message: string): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    if (!this.firstMessages.has(code)) this.firstMessages.set(code, message);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Codes by count, most frequent first. */
  entries(): Array<{ code: string; count: number; firstMessage: string }> {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => ({ code, count, firstMessage: this.firstMessages.get(code) ?? '' }));
  }
}
