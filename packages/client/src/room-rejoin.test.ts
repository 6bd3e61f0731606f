import type { PeerInfo } from '@confab/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REJOIN_AWAIT_MS } from './rejoin-plan.js';
import { RoomRejoin } from './room-rejoin.js';

afterEach(() => {
  vi.useRealTimers();
});

const info = (id: string, name = id): PeerInfo => ({ id, name, media: { audio: true, video: true } });

/** A rejoin over a room holding `ids`, recording what it asks of the room. */
function rejoinOver(ids: string[]) {
  const byId = new Map(ids.map((id) => [id, info(id)]));
  const calls: string[] = [];
  const rejoin = new RoomRejoin({
    peers: {
      byId,
      session: (id) => ({ handlePeerReturned: () => void calls.push(`keep:${id}`) }),
      replace: (id) => void calls.push(`rebuild:${id}`),
      add: (peer) => void calls.push(`add:${peer.id}`),
    },
    updated: (peer) => void calls.push(`updated:${peer.id}`),
    gone: (id) => void calls.push(`gone:${id}`),
  });
  return { rejoin, calls };
}

describe('RoomRejoin', () => {
  it('keeps the connections of those back in the room, adds newcomers, and tells of changed names', () => {
    const { rejoin, calls } = rejoinOver(['amy', 'bob']);
    rejoin.handleSignalingDown();
    rejoin.handleRejoined([info('amy', 'Amy L.'), info('bob'), info('cat')], { fresh: false, rebuild: false });
    expect(calls).toEqual(['updated:amy', 'keep:amy', 'keep:bob', 'add:cat']);
  });

  it('rebuilds every connection when the others may have been told we left', () => {
    const { rejoin, calls } = rejoinOver(['amy']);
    rejoin.handleSignalingDown();
    rejoin.handleRejoined([info('amy')], { fresh: false, rebuild: true });
    expect(calls).toEqual(['rebuild:amy']);
  });

  it('waits for someone not back yet, and counts them as gone when the wait runs out', () => {
    vi.useFakeTimers();
    const { rejoin, calls } = rejoinOver(['amy']);
    rejoin.handleSignalingDown();
    rejoin.handleRejoined([], { fresh: false, rebuild: false });
    vi.advanceTimersByTime(REJOIN_AWAIT_MS - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['gone:amy']);
  });

  it('someone waited for who comes back keeps their connection, or gets a new one after a long outage', () => {
    vi.useFakeTimers();
    const kept = rejoinOver(['amy']);
    kept.rejoin.handleSignalingDown();
    kept.rejoin.handleRejoined([], { fresh: false, rebuild: false, awaitMs: 1_000 });
    kept.rejoin.handlePeerReturned(info('amy'));
    vi.advanceTimersByTime(1_000);
    expect(kept.calls).toEqual(['keep:amy']);

    const rebuilt = rejoinOver(['amy']);
    rebuilt.rejoin.handleSignalingDown();
    rebuilt.rejoin.handleRejoined([], { fresh: false, rebuild: true, awaitMs: 1_000 });
    rebuilt.rejoin.handlePeerReturned(info('amy'));
    vi.advanceTimersByTime(1_000);
    expect(rebuilt.calls).toEqual(['rebuild:amy']);
  });

  it('with a new id of ours, those not back are gone at once; close leaves no timer running', () => {
    vi.useFakeTimers();
    const fresh = rejoinOver(['amy']);
    fresh.rejoin.handleSignalingDown();
    fresh.rejoin.handleRejoined([], { fresh: true, rebuild: false });
    expect(fresh.calls).toEqual(['gone:amy']);

    const closed = rejoinOver(['amy']);
    closed.rejoin.handleSignalingDown();
    closed.rejoin.handleRejoined([], { fresh: false, rebuild: false });
    closed.rejoin.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
