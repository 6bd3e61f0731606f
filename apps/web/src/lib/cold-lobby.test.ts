import { describe, expect, it } from 'vitest';
import { isColdLobby } from './cold-lobby.js';

describe('isColdLobby', () => {
  it('is cold only with ?cold=1', () => {
    expect(isColdLobby('?cold=1')).toBe(true);
    expect(isColdLobby('?x=2&cold=1')).toBe(true);
    expect(isColdLobby('')).toBe(false);
    expect(isColdLobby('?cold=0')).toBe(false);
    expect(isColdLobby('?cold')).toBe(false);
  });
});
