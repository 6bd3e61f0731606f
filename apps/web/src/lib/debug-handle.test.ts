import { describe, expect, it } from 'vitest';
import { exposeDebugHandle, isDebugPage, type DebugHandle } from './debug-handle.js';

describe('debug handle', () => {
  it('is on only with debug=1 in the query', () => {
    expect(isDebugPage('?debug=1')).toBe(true);
    expect(isDebugPage('?cold=1&debug=1')).toBe(true);
    expect(isDebugPage('')).toBe(false);
    expect(isDebugPage('?debug=true')).toBe(false);
  });

  it('is exposed as __confab and taken away again, unless replaced meanwhile', () => {
    const target: { __confab?: DebugHandle } = {};
    const first = { client: null, room: null };
    const remove = exposeDebugHandle(first, target);
    expect(target.__confab).toBe(first);
    const second = { client: null, room: null };
    const removeSecond = exposeDebugHandle(second, target);
    remove();
    expect(target.__confab).toBe(second);
    removeSecond();
    expect('__confab' in target).toBe(false);
  });
});
