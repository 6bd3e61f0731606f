import { describe, expect, it } from 'vitest';
import { generateRoomName } from './generated-name.js';
import { isValidRoomName } from './room-name.js';

describe('generateRoomName', () => {
  it('reads as adjective-animal-number, like "quick-otter-42"', () => {
    expect(generateRoomName()).toMatch(/^[a-z]+-[a-z]+-\d{2}$/);
  });

  it('is always a valid room name', () => {
    for (let i = 0; i < 200; i++) expect(isValidRoomName(generateRoomName())).toBe(true);
  });

  it('uses the random source it is given', () => {
    expect(generateRoomName(() => 0)).toBe('amber-badger-10');
    expect(generateRoomName((n) => n - 1)).toBe('witty-yak-99');
  });

  it('rejects a random source that goes out of range', () => {
    expect(() => generateRoomName((n) => n)).toThrow(RangeError);
  });

  it('varies from call to call', () => {
    const names = new Set(Array.from({ length: 50 }, () => generateRoomName()));
    expect(names.size).toBeGreaterThan(40);
  });
});
