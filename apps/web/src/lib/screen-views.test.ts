import { describe, expect, it } from 'vitest';
import { orderScreens } from './screen-views.js';

const stream = (id: string) => ({ id }) as unknown as MediaStream;
const peers = new Map([
  ['ann', { name: 'Ann' }],
  ['bob', { name: 'Bob' }],
]);

describe('orderScreens', () => {
  it('puts the newest share first and keeps the same array while nothing changes', () => {
    const a = stream('a');
    const first = orderScreens(new Map([['ann', a]]), peers, []);
    expect(first.map((v) => v.name)).toEqual(['Ann']);
    const both = orderScreens(new Map([['ann', a], ['bob', stream('b')]]), peers, first);
    expect(both.map((v) => v.peerId)).toEqual(['bob', 'ann']);
    expect(orderScreens(new Map([['ann', a], ['bob', both[0]!.stream]]), peers, both)).toBe(both);
  });

  it('drops a screen that stopped and takes a new stream of the same person as a new share', () => {
    const first = orderScreens(new Map([['ann', stream('a')]]), peers, []);
    expect(orderScreens(new Map(), peers, first)).toEqual([]);
    const again = orderScreens(new Map([['ann', stream('a2')]]), peers, first);
    expect(again[0]?.stream.id).toBe('a2');
  });
});
