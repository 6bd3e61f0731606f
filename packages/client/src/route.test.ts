import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeFromStats, RouteMonitor, type PeerRoute } from './route.js';

/** A stats report shaped like Chromium's: a transport naming its selected pair, and the two candidates. */
function report(local: string, remote: string, extra: [string, unknown][] = []): Map<string, unknown> {
  return new Map<string, unknown>([
    ['T01', { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1' }],
    ['CP1', { id: 'CP1', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L1', remoteCandidateId: 'R1' }],
    ['L1', { id: 'L1', type: 'local-candidate', candidateType: local, address: '10.0.0.1', port: 5000 }],
    ['R1', { id: 'R1', type: 'remote-candidate', candidateType: remote, address: '203.0.113.9', port: 6000 }],
    ...extra,
  ]);
}

describe('routeFromStats', () => {
  it.each([
    ['host', 'host', 'direct'],
    ['srflx', 'host', 'direct'],
    ['srflx', 'srflx', 'direct'],
    ['prflx', 'srflx', 'direct'],
    ['relay', 'host', 'relayed'],
    ['host', 'relay', 'relayed'],
    ['relay', 'relay', 'relayed'],
  ])('a selected pair of %s (local) and %s (remote) is %s', (local, remote, route) => {
    expect(routeFromStats(report(local, remote))).toBe(route);
  });

  it('a remote peer-reflexive candidate that is a signaled relay is relayed', () => {
    const relay: [string, unknown] = ['R2', { id: 'R2', type: 'remote-candidate', candidateType: 'relay', address: '203.0.113.9', port: 6000 }];
    expect(routeFromStats(report('host', 'prflx', [relay]))).toBe('relayed');
    const other: [string, unknown] = ['R2', { id: 'R2', type: 'remote-candidate', candidateType: 'relay', address: '203.0.113.9', port: 6001 }];
    expect(routeFromStats(report('host', 'prflx', [other]))).toBe('direct');
  });

  it('without a transport, uses the selected succeeded pair', () => {
    const stats = report('relay', 'host');
    stats.delete('T01');
    stats.set('CP1', { ...(stats.get('CP1') as object), selected: true });
    expect(routeFromStats(stats)).toBe('relayed');
  });

  it('is unknown with no selected pair or missing candidates', () => {
    expect(routeFromStats(new Map())).toBe('unknown');
    const stats = report('host', 'host');
    stats.delete('R1');
    expect(routeFromStats(stats)).toBe('unknown');
  });
});

describe('RouteMonitor', () => {
  afterEach(() => vi.useRealTimers());

  it('reads the route at start and at each poll, and reports only changes', async () => {
    vi.useFakeTimers();
    let stats = report('host', 'host');
    const seen: PeerRoute[] = [];
    const monitor = new RouteMonitor(async () => stats, (route) => seen.push(route), 1_000);
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['direct']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen).toEqual(['direct']);
    stats = report('relay', 'host');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual(['direct', 'relayed']);
    expect(monitor.route).toBe('relayed');
    monitor.stop({ reset: true });
    expect(seen).toEqual(['direct', 'relayed', 'unknown']);
    stats = report('host', 'host');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen).toHaveLength(3);
  });

  it('survives getStats failing', async () => {
    vi.useFakeTimers();
    let fail = true;
    const seen: PeerRoute[] = [];
    const monitor = new RouteMonitor(
      async () => {
        if (fail) throw new Error('closed');
        return report('host', 'relay');
      },
      (route) => seen.push(route),
      1_000,
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual(['relayed']);
    monitor.stop();
  });
});
