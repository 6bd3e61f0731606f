import { describe, expect, it, vi } from 'vitest';
import { Observable } from './observable.js';

class Counter extends Observable<number> {
  bump(to: number) {
    this.set(to);
  }
}

describe('Observable', () => {
  it('tells listeners about a new value and not about the same value', () => {
    const counter = new Counter(0);
    const listener = vi.fn();
    counter.subscribe(listener);
    counter.bump(1);
    counter.bump(1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(counter.getSnapshot()).toBe(1);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const counter = new Counter(0);
    const listener = vi.fn();
    const unsubscribe = counter.subscribe(listener);
    unsubscribe();
    counter.bump(2);
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps telling the others when one listener throws', () => {
    const counter = new Counter(0);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    counter.subscribe(() => {
      throw new Error('bad listener');
    });
    counter.subscribe(after);
    counter.bump(3);
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
