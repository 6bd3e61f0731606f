import { describe, expect, it } from 'vitest';
import { GoneConnections } from './gone-connections.js';

describe('GoneConnections', () => {
  it('hands out each gone connection once, in the order marked', () => {
    const gone = new GoneConnections();
    gone.mark('b');
    gone.mark('a');
    gone.mark('b');
    expect(gone.takeNew()).toEqual(['b', 'a']);
    expect(gone.takeNew()).toEqual([]);
    gone.mark('c');
    expect(gone.takeNew()).toEqual(['c']);
    expect(gone.has('a')).toBe(true);
    expect(gone.has('z')).toBe(false);
    expect(gone.size).toBe(3);
  });
});
