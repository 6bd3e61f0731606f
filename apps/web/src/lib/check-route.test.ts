import { describe, expect, it } from 'vitest';
import { CHECK_PATH, isCheckPath, roomFromPath } from './route.js';

describe('the /check route', () => {
  it('is the check page, with or without a trailing slash, and names no room', () => {
    expect(isCheckPath(CHECK_PATH)).toBe(true);
    expect(isCheckPath('/check/')).toBe(true);
    expect(isCheckPath('/r/check')).toBe(false);
    expect(isCheckPath('/')).toBe(false);
    expect(roomFromPath(CHECK_PATH)).toBeNull();
  });
});
