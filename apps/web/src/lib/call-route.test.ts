import { describe, expect, it } from 'vitest';
import { callLink, callRouteFromPath } from './call-route.js';

describe('callRouteFromPath', () => {
  it('reads /call as the directory, with nobody to ring', () => {
    expect(callRouteFromPath('/call')).toEqual({ target: null });
    expect(callRouteFromPath('/call/')).toEqual({ target: null });
  });

  it('reads the person to ring from /call/<name>, unescaped', () => {
    expect(callRouteFromPath('/call/bob')).toEqual({ target: 'bob' });
    expect(callRouteFromPath('/call/Zo%C3%AB%20M')).toEqual({ target: 'Zoë M' });
    expect(callRouteFromPath('/call/%20')).toEqual({ target: null });
  });

  it('keeps a name that is not valid escaping as typed', () => {
    expect(callRouteFromPath('/call/100%')).toEqual({ target: '100%' });
  });

  it('is null for other pages', () => {
    expect(callRouteFromPath('/')).toBeNull();
    expect(callRouteFromPath('/r/standup')).toBeNull();
    expect(callRouteFromPath('/caller')).toBeNull();
    expect(callRouteFromPath('/call/a/b')).toBeNull();
  });
});

describe('callLink', () => {
  it('round-trips any name through the path', () => {
    for (const name of ['bob', 'Zoë M', 'a/b?c#d', '100%']) {
      const link = callLink('https://confab.example', name);
      expect(callRouteFromPath(new URL(link).pathname)).toEqual({ target: name });
    }
    expect(callLink('https://confab.example', 'Ann Lee')).toBe('https://confab.example/call/Ann%20Lee');
  });
});
