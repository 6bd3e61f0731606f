import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter.js';

type TestEvents = { ping: [number]; pair: [string, boolean]; done: [] };

afterEach(() => vi.restoreAllMocks());

describe('Emitter', () => {
  it('calls listeners with the typed arguments, in the order they were added', () => {
    const emitter = new Emitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('pair', (name, flag) => calls.push(`a:${name}:${flag}`));
    emitter.on('pair', (name) => calls.push(`b:${name}`));
    emitter.emit('pair', 'ann', true);
    expect(calls).toEqual(['a:ann:true', 'b:ann']);
  });

  it('a throwing listener is reported with console.error and the others still run', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emitter = new Emitter<TestEvents>();
    const seen: number[] = [];
    emitter.on('ping', () => {
      throw new Error('boom');
    });
    emitter.on('ping', (n) => seen.push(n));
    expect(() => emitter.emit('ping', 1)).not.toThrow();
    emitter.emit('ping', 2);
    expect(seen).toEqual([1, 2]);
    expect(error).toHaveBeenCalledTimes(2);
    expect(String(error.mock.calls[0]?.[0])).toContain('"ping"');
  });

  it('the function on() returns unsubscribes only that listener, and is harmless twice', () => {
    const emitter = new Emitter<TestEvents>();
    const a = vi.fn();
    const b = vi.fn();
    const offA = emitter.on('done', a);
    emitter.on('done', b);
    offA();
    offA();
    emitter.emit('done');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    expect(emitter.listenerCount('done')).toBe(1);
  });

  it('the same function added twice is called once, like addEventListener', () => {
    const emitter = new Emitter<TestEvents>();
    const a = vi.fn();
    emitter.on('done', a);
    emitter.on('done', a);
    emitter.emit('done');
    expect(a).toHaveBeenCalledOnce();
  });

  it('once() listeners fire a single time', () => {
    const emitter = new Emitter<TestEvents>();
    const a = vi.fn();
    emitter.once('ping', a);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(a).toHaveBeenCalledExactlyOnceWith(1);
    expect(emitter.listenerCount('ping')).toBe(0);
  });

  it('a listener removed during an emit still gets that emit, and no later one', () => {
    const emitter = new Emitter<TestEvents>();
    const b = vi.fn();
    emitter.on('ping', () => emitter.off('ping', b));
    emitter.on('ping', b);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(b).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('removeAllListeners clears one event, or every event', () => {
    const emitter = new Emitter<TestEvents>();
    const ping = vi.fn();
    const done = vi.fn();
    emitter.on('ping', ping);
    emitter.on('done', done);
    emitter.removeAllListeners('ping');
    emitter.emit('ping', 1);
    emitter.emit('done');
    expect(ping).not.toHaveBeenCalled();
    expect(done).toHaveBeenCalledOnce();
    emitter.removeAllListeners();
    emitter.emit('done');
    expect(done).toHaveBeenCalledOnce();
  });
});
