import { describe, expect, it } from 'vitest';
import { roomFromPath, roomLink, roomPath } from './route.js';

describe('roomFromPath', () => {
  it('reads the room from /r/<room>', () => {
    expect(roomFromPath('/r/quick-otter-42')).toBe('quick-otter-42');
    expect(roomFromPath('/r/Team_1/')).toBe('Team_1');
  });

  it('gives no room for the home page and unknown paths', () => {
    expect(roomFromPath('/')).toBeNull();
    expect(roomFromPath('/r/')).toBeNull();
    expect(roomFromPath('/about')).toBeNull();
    expect(roomFromPath('/r/a/b')).toBeNull();
  });

  it('slugifies a hand-typed room in the address bar', () => {
    expect(roomFromPath('/r/my%20room')).toBe('my-room');
    expect(roomFromPath('/r/%E0%A4%A')).toBe('E0-A4-A');
    expect(roomFromPath('/r/%21%21')).toBeNull();
  });
});

describe('roomPath and roomLink', () => {
  it('build the path and the shareable link', () => {
    expect(roomPath('abc')).toBe('/r/abc');
    expect(roomLink('https://confab.example', 'abc')).toBe('https://confab.example/r/abc');
  });
});
