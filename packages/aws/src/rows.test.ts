import { describe, expect, it } from 'vitest';
import { ROW_LIFETIME_S, epochSeconds, isLive, liveMembers, type RoomItem } from './rows.js';

const entry = (peerId: string, joinedAt: number, expiresAt: number) => ({
  peerId,
  connId: `c-${peerId}`,
  name: peerId,
  media: { audio: true, video: false },
  joinedAt,
  expiresAt,
});

describe('rows', () => {
  it('a row lives 2 h 10 min: past API Gateway’s 2-hour connection limit', () => {
    expect(ROW_LIFETIME_S).toBe(2 * 3600 + 600);
    expect(epochSeconds(1_999)).toBe(1);
  });

  it('a row is live strictly before its expiresAt, and a row without one is not', () => {
    expect(isLive({ expiresAt: 11 }, 10)).toBe(true);
    expect(isLive({ expiresAt: 10 }, 10)).toBe(false);
    expect(isLive({}, 10)).toBe(false);
  });

  it('liveMembers drops expired entries and expired rooms, and keeps join order', () => {
    const room: RoomItem = {
      room: 'r',
      expiresAt: 100,
      members: { z: entry('z', 1, 100), a: entry('a', 2, 100), old: entry('old', 0, 50), b: entry('b', 2, 100) },
    };
    expect(liveMembers(room, 60).map((m) => m.peerId)).toEqual(['z', 'a', 'b']);
    expect(liveMembers(room, 60)[0]).not.toHaveProperty('expiresAt');
    expect(liveMembers(room, 100)).toEqual([]);
    expect(liveMembers(undefined, 0)).toEqual([]);
  });
});
