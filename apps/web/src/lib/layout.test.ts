import { describe, expect, it } from 'vitest';
import { chooseLayout, isLarge } from './layout.js';

const tiles = ['me', 'ann', 'bob', 'cid'];

describe('chooseLayout', () => {
  it('the grid view shows everyone the same size', () => {
    expect(chooseLayout({ view: 'grid', tiles, selfKey: 'me', activeSpeaker: 'bob' })).toEqual({ kind: 'grid' });
  });

  it('the speaker view shows the active speaker large', () => {
    expect(chooseLayout({ view: 'speaker', tiles, selfKey: 'me', activeSpeaker: 'bob' })).toEqual({ kind: 'focus', large: 'bob' });
  });

  it('before anyone spoke, or when the active speaker left, the first other person is large', () => {
    expect(chooseLayout({ view: 'speaker', tiles, selfKey: 'me' })).toEqual({ kind: 'focus', large: 'ann' });
    expect(chooseLayout({ view: 'speaker', tiles, selfKey: 'me', activeSpeaker: 'gone' })).toEqual({ kind: 'focus', large: 'ann' });
  });

  it('you are never the large tile of the speaker view; alone, it is the grid', () => {
    expect(chooseLayout({ view: 'speaker', tiles, selfKey: 'me', activeSpeaker: 'me' })).toEqual({ kind: 'focus', large: 'ann' });
    expect(chooseLayout({ view: 'speaker', tiles: ['me'], selfKey: 'me' })).toEqual({ kind: 'grid' });
  });

  it('a shared screen is large in either view, the newest of several', () => {
    const withScreens = [...tiles, 'screen:ann', 'screen:bob'];
    const screens = ['screen:ann', 'screen:bob'];
    expect(chooseLayout({ view: 'grid', tiles: withScreens, selfKey: 'me', screens })).toEqual({ kind: 'focus', large: 'screen:bob' });
    expect(chooseLayout({ view: 'speaker', tiles: withScreens, selfKey: 'me', screens, activeSpeaker: 'cid' })).toEqual({
      kind: 'focus',
      large: 'screen:bob',
    });
  });

  it('a screen whose tile is gone is ignored', () => {
    expect(chooseLayout({ view: 'grid', tiles, selfKey: 'me', screens: ['screen:zed'] })).toEqual({ kind: 'grid' });
  });
});

describe('isLarge', () => {
  it('is true only for the large tile of a focus layout', () => {
    expect(isLarge({ kind: 'focus', large: 'ann' }, 'ann')).toBe(true);
    expect(isLarge({ kind: 'focus', large: 'ann' }, 'bob')).toBe(false);
    expect(isLarge({ kind: 'grid' }, 'ann')).toBe(false);
  });
});
