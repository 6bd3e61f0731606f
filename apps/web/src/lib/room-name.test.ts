import { describe, expect, it } from 'vitest';
import { isValidRoomName, normalizeRoomInput, slugifyRoomName } from './room-name.js';

describe('slugifyRoomName', () => {
  it('turns spaces and punctuation into single dashes', () => {
    expect(slugifyRoomName('My room!')).toBe('My-room');
    expect(slugifyRoomName('a  /  b')).toBe('a-b');
  });

  it('keeps letters, digits, "-" and "_" and their case', () => {
    expect(slugifyRoomName('Team_42-b')).toBe('Team_42-b');
  });

  it('drops accents rather than whole letters', () => {
    expect(slugifyRoomName('Café Crème')).toBe('Cafe-Creme');
  });

  it('trims dashes at both ends', () => {
    expect(slugifyRoomName('  --hello--  ')).toBe('hello');
  });

  it('returns an empty name when nothing usable is left', () => {
    expect(slugifyRoomName('!!!')).toBe('');
    expect(slugifyRoomName('会议')).toBe('');
  });

  it('cuts names to 64 characters without a trailing dash', () => {
    const slug = slugifyRoomName(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugifyRoomName('x'.repeat(100))).toHaveLength(64);
  });

  it('always yields a valid room name or an empty string', () => {
    for (const text of ['My room', ' ünïcödé ', '-_-', 'a.b.c', 'tab\there', 'x'.repeat(80)]) {
      const slug = slugifyRoomName(text);
      expect(slug === '' || isValidRoomName(slug)).toBe(true);
    }
  });
});

describe('normalizeRoomInput', () => {
  it('keeps a trailing dash while someone is still typing', () => {
    expect(normalizeRoomInput('my ')).toBe('my-');
    expect(normalizeRoomInput('my-')).toBe('my-');
  });

  it('drops leading separators', () => {
    expect(normalizeRoomInput(' hello')).toBe('hello');
  });
});

describe('isValidRoomName', () => {
  it('accepts letters, digits, "-" and "_" up to 64 characters', () => {
    expect(isValidRoomName('quick-otter_42')).toBe(true);
    expect(isValidRoomName('a'.repeat(64))).toBe(true);
  });

  it('rejects empty, too long, and other characters', () => {
    expect(isValidRoomName('')).toBe(false);
    expect(isValidRoomName('a'.repeat(65))).toBe(false);
    expect(isValidRoomName('a b')).toBe(false);
    expect(isValidRoomName('a/b')).toBe(false);
  });
});
