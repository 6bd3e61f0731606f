import { describe, expect, it } from 'vitest';
import { CandidateQueue } from './candidate-queue.js';

const candidate = (n: number) => ({ candidate: `candidate:${n} 1 udp 1 10.0.0.1 ${5000 + n} typ host`, sdpMid: '0', sdpMLineIndex: 0 });

describe('CandidateQueue', () => {
  it('drain returns held candidates in arrival order, end-of-candidates included, and empties the queue', () => {
    const queue = new CandidateQueue();
    queue.hold(candidate(1));
    queue.hold(candidate(2));
    queue.hold(null);
    expect(queue.size).toBe(3);
    expect(queue.drain()).toEqual([candidate(1), candidate(2), null]);
    expect(queue.size).toBe(0);
    expect(queue.drain()).toEqual([]);
  });

  it('candidates held after a drain wait for the next one', () => {
    const queue = new CandidateQueue();
    queue.hold(candidate(1));
    queue.drain();
    queue.hold(candidate(2));
    expect(queue.drain()).toEqual([candidate(2)]);
  });

  it('a full queue drops new candidates and says so', () => {
    const queue = new CandidateQueue(2);
    expect(queue.hold(candidate(1))).toBe(true);
    expect(queue.hold(candidate(2))).toBe(true);
    expect(queue.hold(candidate(3))).toBe(false);
    expect(queue.drain()).toEqual([candidate(1), candidate(2)]);
  });

  it('clear forgets everything held', () => {
    const queue = new CandidateQueue();
    queue.hold(candidate(1));
    queue.clear();
    expect(queue.drain()).toEqual([]);
  });
});
