/**
 * How media reaches a peer: `direct` (host or STUN candidates on both ends), `relayed` (through a
 * TURN server on either end), or `unknown` (not connected yet, or no stats to tell).
 */
export type PeerRoute = 'direct' | 'relayed' | 'unknown';

/**
 * How often a connected peer connection's `getStats()` is read. One poll per peer feeds the route,
 * the connection quality, the speaking indicator and the adaptive mesh (see media/).
 */
export const STATS_POLL_MS = 500;
/** How often the route of a connected peer is read: at every stats poll. */
export const ROUTE_POLL_MS = STATS_POLL_MS;

/** One entry of a stats report, as read: every field unchecked. */
export type Stat = Record<string, unknown> & { type?: unknown; id?: unknown };

/** The parts of RTCStatsReport this module reads (a Map of stats by id), so tests can pass a Map. */
export type StatsLike = Pick<ReadonlyMap<string, unknown>, 'get' | 'values'>;

export function stat(report: StatsLike, id: unknown): Stat | undefined {
  if (typeof id !== 'string') return undefined;
  const value = report.get(id);
  return typeof value === 'object' && value !== null ? (value as Stat) : undefined;
}

export function statsOf(report: StatsLike, type: string): Stat[] {
  const out: Stat[] = [];
  for (const value of report.values()) {
    if (typeof value === 'object' && value !== null && (value as Stat).type === type) out.push(value as Stat);
  }
  return out;
}

/** The candidate pair ICE selected: the transport's `selectedCandidatePairId`, else a selected, succeeded pair. */
export function selectedPair(report: StatsLike): Stat | undefined {
  for (const transport of statsOf(report, 'transport')) {
    const pair = stat(report, transport.selectedCandidatePairId);
    if (pair) return pair;
  }
  return statsOf(report, 'candidate-pair').find((pair) => pair.state === 'succeeded' && (pair.selected === true || pair.nominated === true));
}

/**
 * A remote candidate ICE learned from a connectivity check (`prflx`) before its signaled twin
 * arrived: when a signaled relay candidate has the same address and port, it is that relay.
 */
function isRemoteRelay(report: StatsLike, remote: Stat): boolean {
  if (remote.candidateType === 'relay') return true;
  if (remote.candidateType !== 'prflx') return false;
  return statsOf(report, 'remote-candidate').some(
    (c) => c.candidateType === 'relay' && c.address === remote.address && c.port === remote.port,
  );
}

/** Reads the route from a peer connection's stats: the candidate types of the selected pair. */
export function routeFromStats(report: StatsLike): PeerRoute {
  const pair = selectedPair(report);
  if (!pair) return 'unknown';
  const local = stat(report, pair.localCandidateId);
  const remote = stat(report, pair.remoteCandidateId);
  if (!local || !remote) return 'unknown';
  if (local.candidateType === 'relay' || isRemoteRelay(report, remote)) return 'relayed';
  return typeof local.candidateType === 'string' && typeof remote.candidateType === 'string' ? 'direct' : 'unknown';
}

/**
 * Polls `getStats()` while started, reports the route when it changes and hands every report to
 * `onReport`. Started when the peer
 * connection connects; an ICE restart that moves the call onto (or off) TURN shows up at the next poll.
 */
export class RouteMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private current: PeerRoute = 'unknown';
  private reading = false;

  constructor(
    private readonly getStats: () => Promise<StatsLike>,
    private readonly onRoute: (route: PeerRoute) => void,
    private readonly intervalMs = ROUTE_POLL_MS,
    /** Every report read, for the other users of the same poll (quality, speaking). */
    private readonly onReport?: (report: StatsLike) => void,
  ) {}

  get route(): PeerRoute {
    return this.current;
  }

  /** Reads the route now and then every interval. Idempotent. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.read(), this.intervalMs);
    void this.read();
  }

  /** Stops polling; with `reset`, the route goes back to `unknown` (reported if it changed). */
  stop({ reset = false } = {}): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (reset) this.set('unknown');
  }

  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const report = await this.getStats();
      if (!this.timer) return;
      this.set(routeFromStats(report));
      this.onReport?.(report);
    } catch {
      // A closed connection has no stats: the next poll (if any) tries again.
    } finally {
      this.reading = false;
    }
  }

  private set(route: PeerRoute): void {
    if (route === this.current) return;
    this.current = route;
    this.onRoute(route);
  }
}
