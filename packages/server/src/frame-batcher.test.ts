import { describe, expect, it } from 'vitest';
import { BATCH_MAX_CHARS, FrameBatcher, type Batched, type FrameSink } from './frame-batcher.js';
import { encodeTextFrames } from './text-frames.js';

class Sink implements FrameSink {
  readonly writes: Buffer[] = [];
  destroyed = false;
  write(chunk: Buffer): boolean {
    this.writes.push(chunk);
    return true;
  }
}

interface Conn extends Batched {
  name: string;
  open: boolean;
  socket: Sink;
}

const conn = (name: string): Conn => ({ name, open: true, socket: new Sink(), held: undefined, heldChars: 0 });

/** A batcher whose end-of-turn flushes are run by the test. */
function batcher() {
  const scheduled: (() => void)[] = [];
  const frames = new FrameBatcher<Conn>((c) => c.open, (flush) => scheduled.push(flush));
  const endTurn = () => scheduled.splice(0).forEach((flush) => flush());
  return { frames, scheduled, endTurn };
}

describe('FrameBatcher', () => {
  it('the frames of one turn reach each connection in one write, in the order they were sent', () => {
    const { frames, scheduled, endTurn } = batcher();
    const ann = conn('ann');
    const bob = conn('bob');
    frames.send(ann, 'a1');
    frames.send(bob, 'b1');
    frames.send(ann, 'a2');
    frames.send(ann, 'a3');
    expect(ann.socket.writes).toEqual([]);
    expect(scheduled).toHaveLength(1);
    endTurn();
    expect(ann.socket.writes).toEqual([encodeTextFrames(['a1', 'a2', 'a3'])]);
    expect(bob.socket.writes).toEqual([encodeTextFrames(['b1'])]);
  });

  it('each turn is written at its own end, and a turn with nothing sent schedules nothing', () => {
    const { frames, scheduled, endTurn } = batcher();
    const ann = conn('ann');
    frames.send(ann, 'first');
    endTurn();
    expect(scheduled).toHaveLength(0);
    frames.send(ann, 'second');
    endTurn();
    expect(ann.socket.writes).toEqual([encodeTextFrames(['first']), encodeTextFrames(['second'])]);
  });

  it('release writes what is held at once, so a close frame sent next cannot overtake it', () => {
    const { frames, endTurn } = batcher();
    const ann = conn('ann');
    frames.send(ann, 'error');
    frames.release(ann);
    expect(ann.socket.writes).toEqual([encodeTextFrames(['error'])]);
    endTurn();
    expect(ann.socket.writes).toHaveLength(1);
  });

  it('past BATCH_MAX_CHARS a connection is written at once, and later frames of the turn still follow in order', () => {
    const { frames, endTurn } = batcher();
    const ann = conn('ann');
    const big = 'x'.repeat(BATCH_MAX_CHARS);
    frames.send(ann, 'small');
    frames.send(ann, big);
    expect(ann.socket.writes).toEqual([encodeTextFrames(['small', big])]);
    expect(ann.heldChars).toBe(0);
    frames.send(ann, 'after');
    endTurn();
    expect(ann.socket.writes).toEqual([encodeTextFrames(['small', big]), encodeTextFrames(['after'])]);
  });

  it('a connection that closed or was destroyed meanwhile gets nothing', () => {
    const { frames, endTurn } = batcher();
    const closing = conn('closing');
    const destroyed = conn('destroyed');
    frames.send(closing, 'x');
    frames.send(destroyed, 'y');
    closing.open = false;
    destroyed.socket.destroyed = true;
    endTurn();
    expect(closing.socket.writes).toEqual([]);
    expect(destroyed.socket.writes).toEqual([]);
    expect(closing.held).toBeUndefined();
  });
});
