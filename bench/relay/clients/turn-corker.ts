import type { Socket } from 'node:net';

/**
 * The load generator's own economy, the same for every server's clients: what one client sends
 * in one turn of the generator's event loop leaves in one write (one `writev` of all its frames)
 * instead of one write per frame. The first send of a turn corks the client's TCP socket; one
 * `setImmediate` uncorks every socket corked in that turn, after the turn's reads are handled.
 *
 * Without it the generator paid one system call per message sent, on the same core as all the
 * clients' JSON and framing, and saturated its core before any server did: the servers then ran
 * at the generator's pace, mostly idle between its writes, and every server's CPU per message
 * was inflated by the same per-wake-up costs, which hid their differences. A lone message (the
 * 1-in-flight probe) is delayed only to the end of the turn it was sent in.
 */
export class TurnCorker {
  private corked: Socket[] = [];
  /** Off: every send is its own write, as before (`--client-writes per-message`). */
  enabled = true;

  constructor(private readonly schedule: (flush: () => void) => void = setImmediate) {}

  /** Call before writing to `socket`: its writes until the end of this turn go out together. */
  cork(socket: Socket): void {
    if (!this.enabled || socket.writableCorked > 0 || socket.destroyed) return;
    socket.cork();
    if (this.corked.length === 0) this.schedule(this.flush);
    this.corked.push(socket);
  }

  /** Uncorks every socket corked in this turn: one write each. Runs by itself. */
  readonly flush = (): void => {
    const corked = this.corked;
    this.corked = [];
    for (const socket of corked) socket.uncork();
  };
}

/** The one corker of the load generator's process, shared by every client adapter. */
export const turnCorker = new TurnCorker();
