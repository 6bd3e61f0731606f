import { describe, expect, it } from 'vitest';
import { accessToken } from './access-token.js';

class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

const at = (hash: string) => ({ hash, pathname: '/r/standup', search: '' });

describe('accessToken', () => {
  it('reads #token= from the link and keeps it for the tab', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    expect(accessToken(at('#token=abc.def.ghi'), storage)).toBe('abc.def.ghi');
    expect(accessToken(at(''), storage)).toBe('abc.def.ghi');
  });

  it('is undefined without a token', () => {
    expect(accessToken(at('#other=1'), new MemoryStorage() as unknown as Storage)).toBeUndefined();
  });
});
