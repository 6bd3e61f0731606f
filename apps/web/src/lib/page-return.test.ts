import { describe, expect, it, vi } from 'vitest';
import { onPageReturn, PAGE_RETURN_EVENTS } from './page-return.js';

function target() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (type: string, l: () => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(l);
    },
    removeEventListener: (type: string, l: () => void) => listeners.get(type)?.delete(l),
    fire: (type: string) => {
      for (const l of listeners.get(type) ?? []) l();
    },
    count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

describe('onPageReturn', () => {
  it('fires on each way back (visible, resume, pageshow, online) while visible, never while hidden', () => {
    const doc = target();
    const win = target();
    const onReturn = vi.fn();
    const stop = onPageReturn(onReturn, { document: doc, window: win });
    for (const { target: where, type } of PAGE_RETURN_EVENTS) (where === 'document' ? doc : win).fire(type);
    expect(onReturn).toHaveBeenCalledTimes(PAGE_RETURN_EVENTS.length);
    doc.visibilityState = 'hidden';
    doc.fire('visibilitychange');
    win.fire('online');
    expect(onReturn).toHaveBeenCalledTimes(PAGE_RETURN_EVENTS.length);
    stop();
    expect(doc.count() + win.count()).toBe(0);
  });
});
