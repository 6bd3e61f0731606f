import { describe, expect, it } from 'vitest';
import { GuessLimiter } from './guess-limiter.js';
import { coreKit } from './test-kit.js';

describe('room passwords', () => {
  it('the first person sets the password, a later joiner must give it', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'open sesame' });
    expect(k.take('a').at(-1)).toMatchObject({ type: 'joined', hasPassword: true });

    await k.send('b', { type: 'hello', v: 1 });
    await k.send('b', { type: 'join', room: 'r', name: 'Bob' });
    expect(k.last('b')).toMatchObject({ type: 'error', code: 'PASSWORD_REQUIRED' });
    await k.send('b', { type: 'join', room: 'r', name: 'Bob', password: 'guess' });
    expect(k.last('b')).toMatchObject({ type: 'error', code: 'WRONG_PASSWORD' });
    await k.send('b', { type: 'join', room: 'r', name: 'Bob', password: 'open sesame' });
    expect(k.last('b')).toMatchObject({ type: 'joined', hasPassword: true });
  });

  it('the password is never sent to other peers nor stored in clear', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'hunter2-secret' });
    await k.enter('b', 'r');
    await k.send('b', { type: 'join', room: 'r', name: 'Bob', password: 'hunter2-secret' });
    const everything = JSON.stringify([...k.inbox.values()]);
    expect(everything).not.toContain('hunter2-secret');
    const stored = await k.store.getPasswordHash('r');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('hunter2');
  });

  it('an emptied room forgets its password', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'pw' });
    await k.core.disconnect('a');
    await k.enter('b', 'r');
    expect(k.last('b')).toMatchObject({ type: 'joined', hasPassword: false });
  });

  it('repeated wrong guesses are refused with TOO_MANY_ATTEMPTS, even with the right password', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'right' });
    await k.send('b', { type: 'hello', v: 1 });
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      await k.send('b', { type: 'join', room: 'r', name: 'Bob', password: `wrong${i}` });
      const m = k.last('b');
      codes.push(m?.type === 'error' ? m.code : String(m?.type));
    }
    expect(codes).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    await k.send('b', { type: 'join', room: 'r', name: 'Bob', password: 'right' });
    expect(k.last('b')).toMatchObject({ type: 'error', code: 'TOO_MANY_ATTEMPTS' });
  });
});

describe('GuessLimiter', () => {
  it('lets tries through again once failures leave the window', () => {
    let now = 0;
    const limiter = new GuessLimiter(2, 1000, () => now);
    limiter.fail('r');
    limiter.fail('r');
    expect(limiter.blocked('r')).toBe(true);
    expect(limiter.blocked('other')).toBe(false);
    now = 1001;
    expect(limiter.blocked('r')).toBe(false);
  });
});
