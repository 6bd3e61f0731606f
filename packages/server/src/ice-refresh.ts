import type { IceServer, ServerMessage } from '@confab/protocol';

export interface IceRefreshOptions {
  /** Time between two `ice-servers` messages to one connection (80% of TURN_TTL). */
  intervalMs: number;
  /** Mints ICE servers (with fresh TURN credentials) for one peer. */
  iceServers: (peerId: string) => IceServer[];
  send: (connId: string, msg: ServerMessage) => void;
}

/**
 * One timer per welcomed connection: before the TURN credentials it holds expire, it sends the
 * connection fresh ones (`ice-servers`), and again every interval for as long as it stays open.
 * A new `welcome` on the connection (a resumed session) restarts its timer.
 */
export class IceRefresh {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: IceRefreshOptions) {}

  /** `connId` was just welcomed as `peerId`: its credentials were minted now. */
  start(connId: string, peerId: string): void {
    this.stop(connId);
    const timer = setInterval(() => {
      this.options.send(connId, { type: 'ice-servers', iceServers: this.options.iceServers(peerId) });
    }, this.options.intervalMs);
    // A refresh is never a reason to keep the process alive.
    timer.unref();
    this.timers.set(connId, timer);
  }

  stop(connId: string): void {
    clearInterval(this.timers.get(connId));
    this.timers.delete(connId);
  }

  stopAll(): void {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}
