import { encodeTextFrames } from './text-frames.js';

/** Where a connection's frames go: the socket under its WebSocket. */
export interface FrameSink {
  write(chunk: Buffer): boolean;
  readonly destroyed: boolean;
}

/** A connection as the batcher sees it: its socket, and the frames held for it in this turn. */
export interface Batched {
  readonly socket: FrameSink;
  /** Text of the frames held for the end of this turn, in order; undefined when none. */
  held: string[] | undefined;
  /** Their length in characters: what the slow-reader check adds to the socket's own backlog. */
  heldChars: number;
}

/**
 * Past this many characters held for one connection, they are written at once rather than at
 * the end of the turn: a burst does not sit in memory as strings.
 */
export const BATCH_MAX_CHARS = 64 * 1024;

/**
 * Sends all the text frames meant for one connection in one turn of the event loop as one
 * buffer, in one write (one syscall), instead of one write of two chunks per frame. The first
 * frame of a turn schedules one `setImmediate` that writes out every connection held in that
 * turn; frames keep their order.
 *
 * Anything else written to the socket (a close frame, a ping) must come after `release(conn)`,
 * or it would overtake the held frames.
 */
export class FrameBatcher<C extends Batched> {
  private pending: C[] = [];

  constructor(
    /** Whether frames may still be written to the connection (false once it is closing). */
    private readonly isOpen: (conn: C) => boolean,
    private readonly schedule: (flush: () => void) => void = setImmediate,
  ) {}

  send(conn: C, text: string): void {
    const held = conn.held;
    if (held === undefined) {
      conn.held = [text];
      conn.heldChars = text.length;
      if (this.pending.length === 0) this.schedule(this.flush);
      this.pending.push(conn);
    } else {
      held.push(text);
      conn.heldChars += text.length;
    }
    if (conn.heldChars > BATCH_MAX_CHARS) this.release(conn);
  }

  /** Writes what is held for `conn` now. */
  release(conn: C): void {
    const held = conn.held;
    if (held === undefined) return;
    conn.held = undefined;
    conn.heldChars = 0;
    if (conn.socket.destroyed || !this.isOpen(conn)) return;
    conn.socket.write(encodeTextFrames(held));
  }

  /** Writes out every connection held in this turn. Runs by itself at the end of the turn. */
  readonly flush = (): void => {
    const pending = this.pending;
    this.pending = [];
    for (const conn of pending) this.release(conn);
  };
}
