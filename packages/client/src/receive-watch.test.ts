import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inboundPackets, RECEIVE_STALL_CHECK_MS, ReceiveWatch } from './receive-watch.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const report = (...counts: number[]) =>
  new Map<string, unknown>([
    ...counts.map((packetsReceived, i) => [`in${i}`, { type: 'inbound-rtp', packetsReceived }] as [string, unknown]),
    ['out', { type: 'outbound-rtp', packetsSent: 999 }],
  ]);

function watch(reports: Map<string, unknown>[], expectsMedia = true) {
  const onStalled = vi.fn();
  const w = new ReceiveWatch({ getStats: async () => reports.shift() ?? new Map(), expectsMedia: () => expectsMedia, onStalled });
  return { w, onStalled };
}

describe('ReceiveWatch', () => {
  it('sums the packets of every incoming stream', () => {
    expect(inboundPackets(report(10, 5))).toBe(15);
    expect(inboundPackets(new Map())).toBe(0);
  });

  it('incoming RTP standing still for the check window after a rollback reports a stall', async () => {
    const { w, onStalled } = watch([report(100, 50), report(100, 50)]);
    w.check();
    await vi.advanceTimersByTimeAsync(RECEIVE_STALL_CHECK_MS);
    expect(onStalled).toHaveBeenCalledOnce();
  });

  it('RTP still arriving is fine', async () => {
    const { w, onStalled } = watch([report(100, 50), report(140, 60)]);
    w.check();
    await vi.advanceTimersByTimeAsync(RECEIVE_STALL_CHECK_MS);
    expect(onStalled).not.toHaveBeenCalled();
  });

  it('no stall when the other side sends nothing anyway', async () => {
    const { w, onStalled } = watch([report(100), report(100)], false);
    w.check();
    await vi.advanceTimersByTimeAsync(RECEIVE_STALL_CHECK_MS);
    expect(onStalled).not.toHaveBeenCalled();
  });

  it('closing cancels a check in progress', async () => {
    const { w, onStalled } = watch([report(100), report(100)]);
    w.check();
    await vi.advanceTimersByTimeAsync(1);
    w.close();
    await vi.advanceTimersByTimeAsync(RECEIVE_STALL_CHECK_MS);
    expect(onStalled).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
