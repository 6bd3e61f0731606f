/**
 * The connections API Gateway answered 410 Gone for during one invocation. Only these are cleaned
 * up afterwards: exactly the stale connection, never the sender (unless the sender is the one gone).
 */
export class GoneConnections {
  private readonly marked = new Set<string>();
  private readonly taken = new Set<string>();

  mark(connId: string): void {
    this.marked.add(connId);
  }

  has(connId: string): boolean {
    return this.marked.has(connId);
  }

  /** The connections marked since the last call. */
  takeNew(): string[] {
    const fresh = [...this.marked].filter((id) => !this.taken.has(id));
    for (const id of fresh) this.taken.add(id);
    return fresh;
  }

  get size(): number {
    return this.marked.size;
  }
}
