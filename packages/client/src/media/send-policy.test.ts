import { describe, expect, it } from 'vitest';
import {
  MAX_BACKOFF,
  MIN_SEND_HEIGHT,
  MIN_SEND_KBPS,
  SEND_TABLE,
  sameEncoding,
  sendEncoding,
  sendTarget,
} from './send-policy.js';
import { BACKOFF_AFTER_MS, RECOVER_AFTER_MS, SendBackoff } from './send-backoff.js';

describe('sendTarget', () => {
  it('a call of two sends 720p at 1.5 Mbit/s and 30 fps', () => {
    expect(sendTarget(2)).toEqual({ kbps: 1500, height: 720, fps: 30 });
  });

  it('each copy gets smaller as the room grows, and the total uplink stays about 2 Mbit/s', () => {
    let before = sendTarget(2);
    for (let people = 3; people <= 6; people++) {
      const now = sendTarget(people);
      expect(now.kbps).toBeLessThan(before.kbps);
      expect(now.height).toBeLessThanOrEqual(before.height);
      expect(now.fps).toBeLessThanOrEqual(before.fps);
      expect(now.kbps * (people - 1)).toBeLessThanOrEqual(2_000);
      before = now;
    }
  });

  it('rooms beyond the table use its last row; a room of one uses the first', () => {
    expect(sendTarget(12)).toEqual(sendTarget(6));
    expect(sendTarget(1)).toEqual(sendTarget(2));
  });

  it('back-off steps lower the bitrate and height, never below the floors, and stop at MAX_BACKOFF', () => {
    const one = sendTarget(3, 1);
    expect(one.kbps).toBeLessThan(sendTarget(3).kbps);
    expect(one.height).toBeLessThan(sendTarget(3).height);
    expect(sendTarget(3, MAX_BACKOFF + 5)).toEqual(sendTarget(3, MAX_BACKOFF));
    const floor = sendTarget(6, MAX_BACKOFF);
    expect(floor.kbps).toBe(MIN_SEND_KBPS);
    expect(floor.height).toBe(MIN_SEND_HEIGHT);
    expect(floor.fps).toBeLessThanOrEqual(15);
  });

  it('the table is ordered by room size', () => {
    expect(SEND_TABLE.map((r) => r.people)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('sendEncoding', () => {
  it('turns the target into setParameters values, scaling from the captured height', () => {
    expect(sendEncoding(2)).toEqual({ maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 });
    expect(sendEncoding(4)).toEqual({ maxBitrate: 600_000, scaleResolutionDownBy: 2, maxFramerate: 24 });
    expect(sendEncoding(4, 0, 480).scaleResolutionDownBy).toBeCloseTo(4 / 3);
    expect(720 / sendEncoding(3).scaleResolutionDownBy).toBe(540);
  });

  it('never scales up a small capture', () => {
    expect(sendEncoding(3, 0, 240).scaleResolutionDownBy).toBe(1);
  });

  it('sameEncoding compares the three values', () => {
    expect(sameEncoding(sendEncoding(3), sendEncoding(3))).toBe(true);
    expect(sameEncoding(sendEncoding(3), sendEncoding(4))).toBe(false);
    expect(sameEncoding(undefined, sendEncoding(4))).toBe(false);
  });
});

describe('SendBackoff', () => {
  it('backs off one step after poor lasts BACKOFF_AFTER_MS, and another after as long again', () => {
    const b = new SendBackoff(MAX_BACKOFF);
    expect(b.update('poor', 0)).toBe(0);
    expect(b.update('poor', BACKOFF_AFTER_MS - 1)).toBe(0);
    expect(b.update('poor', BACKOFF_AFTER_MS)).toBe(1);
    expect(b.update('poor', BACKOFF_AFTER_MS * 2)).toBe(2);
    expect(b.update('poor', BACKOFF_AFTER_MS * 10)).toBe(MAX_BACKOFF);
  });

  it('a fair reading in between restarts the count', () => {
    const b = new SendBackoff(MAX_BACKOFF);
    b.update('poor', 0);
    b.update('fair', BACKOFF_AFTER_MS - 1);
    expect(b.update('poor', BACKOFF_AFTER_MS)).toBe(0);
  });

  it('recovers one step per RECOVER_AFTER_MS of good, and fair holds the step', () => {
    const b = new SendBackoff(MAX_BACKOFF);
    b.update('poor', 0);
    b.update('poor', BACKOFF_AFTER_MS);
    b.update('poor', 2 * BACKOFF_AFTER_MS);
    expect(b.step).toBe(2);
    const t = 2 * BACKOFF_AFTER_MS;
    expect(b.update('fair', t + 1)).toBe(2);
    expect(b.update('good', t + 2)).toBe(2);
    expect(b.update('good', t + 2 + RECOVER_AFTER_MS)).toBe(1);
    expect(b.update('good', t + 2 + 2 * RECOVER_AFTER_MS)).toBe(0);
    expect(b.update('good', t + 2 + 5 * RECOVER_AFTER_MS)).toBe(0);
  });
});
